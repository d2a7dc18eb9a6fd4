//! The Tone tab's rows: the tone curve through the article, one row per paragraph (or per bucket
//! of paragraphs in long articles), with section starts, turning points and quoted evaluative
//! words as rows of their own. Pure: built once when the timeline arrives.

use crate::analysis::tone::Timeline;
use crate::analysis::tone::timeline::signed_score;
use crate::article::Article;

/// Most rows the chart has; longer articles are bucketed so the whole curve stays browsable.
const MAX_PARAGRAPH_ROWS: usize = 600;

#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    /// A section starts: its index and its tone.
    Section { section: usize, score: Option<f64> },
    /// One paragraph or a bucket of them (`paragraphs`: indices into `Timeline::paragraphs`):
    /// its score, the mean of its scored paragraphs (None: no tone words, drawn without a
    /// bar), and the smoothed curve there. In the compact chart, the turning point that starts
    /// here and the strongest quoted word in it ride on the row.
    Curve {
        score: Option<f64>,
        smoothed: Option<f64>,
        paragraphs: std::ops::Range<usize>,
        turn: Option<usize>,
        marker: Option<usize>,
    },
    /// A turning point: index into `Timeline::turning_points`.
    Turn(usize),
    /// A line of a turning point's words, wrapped to the panel (never cut).
    TurnWords { turn: usize, line: String },
    /// A quoted evaluative word: index into `Timeline::markers`.
    Marker(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    pub kind: ChartKind,
    /// The block Enter jumps to.
    pub block: usize,
}

/// Build the chart rows.
pub fn rows(article: &Article, tl: &Timeline) -> Vec<ChartRow> {
    rows_with(article, tl, MAX_PARAGRAPH_ROWS)
}

/// The chart rows with at most about `max_rows` paragraph rows (paragraphs grouped to fit).
fn rows_with(article: &Article, tl: &Timeline, max_rows: usize) -> Vec<ChartRow> {
    let paras = &tl.paragraphs;
    let bucket = paras.len().div_ceil(max_rows.max(1)).max(1);
    let mut out =
        Vec::with_capacity(paras.len() / bucket + tl.markers.len() + tl.turning_points.len() + 16);
    let section_score = |s: usize| tl.section(s).and_then(|t| t.score);
    let mut last_section = usize::MAX;
    let mut turns = tl.turning_points.iter().enumerate().peekable();
    let mut markers = tl.markers.iter().enumerate().peekable();
    let mut k = 0;
    while k < paras.len() {
        let chunk = &paras[k..(k + bucket).min(paras.len())];
        let first = chunk[0].block;
        let last = chunk[chunk.len() - 1].block;
        // Sections that start before this chunk's last paragraph.
        let sec = article.blocks[first].section;
        if sec != last_section {
            let from = if last_section == usize::MAX {
                0
            } else {
                last_section + 1
            };
            // Every section start in a short article; in a bucketed one, only the outermost
            // section starting in this row, so titles do not crowd out the curve.
            let shown: Vec<usize> = if bucket == 1 {
                (from..=sec).collect()
            } else {
                (from..=sec)
                    .min_by_key(|&s| article.section_path(s).len())
                    .into_iter()
                    .collect()
            };
            for s in shown {
                let anchor = article.sections[s]
                    .heading
                    .unwrap_or(article.sections[s].blocks.start);
                out.push(ChartRow {
                    kind: ChartKind::Section {
                        section: s,
                        score: section_score(s),
                    },
                    block: anchor,
                });
            }
            last_section = sec;
        }
        while let Some((i, t)) = turns.peek() {
            if t.block > last {
                break;
            }
            out.push(ChartRow {
                kind: ChartKind::Turn(*i),
                block: t.block,
            });
            turns.next();
        }
        let mean = |f: &dyn Fn(&crate::analysis::tone::ParagraphTone) -> Option<f64>| {
            let vals: Vec<f64> = chunk.iter().filter_map(f).collect();
            (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64)
        };
        out.push(ChartRow {
            kind: ChartKind::Curve {
                score: mean(&|p| p.score),
                smoothed: mean(&|p| p.smoothed),
                paragraphs: k..(k + bucket).min(paras.len()),
                turn: None,
                marker: None,
            },
            block: first,
        });
        let end_pos = article.blocks[last].range.end;
        // In a bucketed (long) article, only the strongest quoted word of each row is listed.
        let mut strongest: Option<usize> = None;
        while let Some(&(i, m)) = markers.peek() {
            if m.range.start > end_pos {
                break;
            }
            if bucket == 1 {
                let block = article.block_at(m.range.start).unwrap_or(first);
                out.push(ChartRow {
                    kind: ChartKind::Marker(i),
                    block,
                });
            } else if strongest.is_none_or(|k| m.valence.abs() > tl.markers[k].valence.abs()) {
                strongest = Some(i);
            }
            markers.next();
        }
        if let Some(i) = strongest {
            let block = article.block_at(tl.markers[i].range.start).unwrap_or(first);
            out.push(ChartRow {
                kind: ChartKind::Marker(i),
                block,
            });
        }
        k += bucket;
    }
    out
}

/// The row of the curve nearest the reader's cursor block: the last curve row at or before it
/// (rows are few, at most about a thousand, so a scan is fine and needs no ordering).
pub fn row_for_block(rows: &[ChartRow], block: usize) -> Option<usize> {
    let is_curve = |r: &ChartRow| matches!(r.kind, ChartKind::Curve { .. });
    rows.iter()
        .enumerate()
        .filter(|(_, r)| is_curve(r) && r.block <= block)
        .max_by_key(|(i, r)| (r.block, *i))
        .map(|(i, _)| i)
        .or_else(|| rows.iter().position(is_curve))
}

/// The next (or previous) turning-point or marker row from `from`.
pub fn next_event(rows: &[ChartRow], from: usize, forward: bool) -> Option<usize> {
    let is_event = |r: &ChartRow| match r.kind {
        ChartKind::Turn(_) | ChartKind::Marker(_) => true,
        ChartKind::Curve { turn, marker, .. } => turn.is_some() || marker.is_some(),
        _ => false,
    };
    if forward {
        rows.iter()
            .enumerate()
            .skip(from + 1)
            .find(|(_, r)| is_event(r))
            .map(|(i, _)| i)
    } else {
        rows[..from.min(rows.len())].iter().rposition(is_event)
    }
}

/// Lines of the selected row's explanation under the chart, at most this many.
pub const DETAIL_LINES: usize = 4;

/// The Tone tab laid out for its panel: the chart rows for its width (turning points' words
/// wrapped), compact or not, and the explanation of the selected row. Rebuilt by
/// [`ToneTab::settle`] when the panel's size or the selection changes, so drawing only reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ToneTab {
    /// The rows before layout (one per section, paragraph, turn and quoted word).
    pub base: Vec<ChartRow>,
    /// Width and height of the chart the rows were laid out for.
    laid_out: Option<(u16, u16)>,
    /// One row per paragraph: sections as separators, turns and quoted words on their
    /// paragraph's row (when the full chart does not fit).
    pub compact: bool,
    /// The selected row explained: its score and the words and rules that made it, a turning
    /// point's words in full, a quoted word in its sentence. Wrapped to the panel.
    pub detail: Vec<String>,
}

/// The full chart's rows for a panel `width` columns wide: each turning point followed by its
/// words, wrapped.
pub fn layout_full(base: &[ChartRow], tl: &Timeline, width: usize) -> Vec<ChartRow> {
    let mut out = Vec::with_capacity(base.len() + tl.turning_points.len() * 3);
    for row in base {
        out.push(row.clone());
        if let ChartKind::Turn(k) = row.kind {
            let tp = &tl.turning_points[k];
            let text = turn_words(tp);
            for r in crate::layout::wrap::wrap_hanging(
                &text,
                width.saturating_sub(2),
                width.saturating_sub(2),
            ) {
                out.push(ChartRow {
                    kind: ChartKind::TurnWords {
                        turn: k,
                        line: format!("  {}", &text[r]),
                    },
                    block: row.block,
                });
            }
        }
    }
    out
}

/// A turning point's words in full: "splendid, generous → hopeless, cruel".
pub fn turn_words(tp: &crate::analysis::tone::TurningPoint) -> String {
    let list = |w: &[String]| {
        if w.is_empty() {
            "(no tone words)".to_string()
        } else {
            w.join(", ")
        }
    };
    format!("{} → {}", list(&tp.words_before), list(&tp.words_after))
}

/// The compact chart: one row per paragraph (or bucket), sections as separator rows, each
/// turning point and the strongest quoted word of a paragraph on its row.
pub fn layout_compact(base: &[ChartRow], tl: &Timeline) -> Vec<ChartRow> {
    let mut out: Vec<ChartRow> = Vec::with_capacity(base.len());
    let mut pending_turn = None;
    for row in base {
        match &row.kind {
            ChartKind::Turn(k) => pending_turn = Some(*k),
            ChartKind::TurnWords { .. } => {}
            ChartKind::Marker(k) => {
                if let Some(ChartRow {
                    kind: ChartKind::Curve { marker, .. },
                    ..
                }) = out.last_mut()
                    && marker
                        .is_none_or(|m| tl.markers[*k].valence.abs() > tl.markers[m].valence.abs())
                {
                    *marker = Some(*k);
                }
            }
            ChartKind::Curve { .. } => {
                let mut r = row.clone();
                if let ChartKind::Curve { turn, .. } = &mut r.kind {
                    *turn = pending_turn.take();
                }
                out.push(r);
            }
            ChartKind::Section { .. } => out.push(row.clone()),
        }
    }
    out
}

/// The compact chart, its paragraphs grouped when one row each would not fit `height`, so the
/// whole arc shows on one screen (sections stay separators).
fn fit_compact(
    article: &Article,
    tl: &Timeline,
    base: &[ChartRow],
    height: usize,
) -> Vec<ChartRow> {
    let rows = layout_compact(base, tl);
    if rows.len() <= height {
        return rows;
    }
    let curves = |rs: &[ChartRow]| {
        rs.iter()
            .filter(|r| matches!(r.kind, ChartKind::Curve { .. }))
            .count()
    };
    let others = rows.len() - curves(&rows);
    let mut room = height.saturating_sub(others).max(1);
    // Grouping can drop section rows too; shrink until it fits or cannot group further.
    loop {
        let grouped = layout_compact(&rows_with(article, tl, room), tl);
        if grouped.len() <= height || room == 1 {
            return grouped;
        }
        room -= 1;
    }
}

impl ToneTab {
    /// The tab for these rows, not laid out yet.
    pub fn new(base: Vec<ChartRow>) -> ToneTab {
        ToneTab {
            base,
            ..ToneTab::default()
        }
    }

    /// Lay the chart out for a chart area of `width`×`height` (if it changed), keeping the
    /// selection on the same place; then explain the selected row. `rows` and `cursor` are the
    /// laid-out rows and the selection (kept in `DocState`).
    pub fn settle(
        &mut self,
        article: &Article,
        tl: &Timeline,
        (width, height): (u16, u16),
        rows: &mut Vec<ChartRow>,
        selected: &mut usize,
    ) {
        if self.laid_out != Some((width, height)) || rows.is_empty() {
            let old = rows.get(*selected).cloned();
            let full = layout_full(&self.base, tl, width as usize);
            self.compact = full.len() > height as usize;
            *rows = if self.compact {
                fit_compact(article, tl, &self.base, height as usize)
            } else {
                full
            };
            self.laid_out = Some((width, height));
            if let Some(old) = old {
                let same = |r: &ChartRow| {
                    r.block == old.block
                        && std::mem::discriminant(&r.kind) == std::mem::discriminant(&old.kind)
                };
                *selected = rows
                    .iter()
                    .position(same)
                    .or_else(|| row_for_block(rows, old.block))
                    .unwrap_or(0);
            }
        }
        self.detail = rows
            .get(*selected)
            .map(|r| detail(article, tl, r, width as usize))
            .unwrap_or_default();
    }
}

/// Most words and rules listed for a selected bar.
const DETAIL_TERMS: usize = 8;

/// The explanation of `row`, wrapped to `width` columns, at most [`DETAIL_LINES`] lines.
pub fn detail(article: &Article, tl: &Timeline, row: &ChartRow, width: usize) -> Vec<String> {
    let s = signed_score;
    let text = match &row.kind {
        ChartKind::Section { section, score } => {
            let title = article.sections[*section]
                .title
                .as_deref()
                .unwrap_or("Opening");
            match score {
                Some(v) => format!("§ {title}: {}", s(*v)),
                None => format!("§ {title}: no tone words"),
            }
        }
        ChartKind::Curve {
            score,
            smoothed,
            paragraphs,
            turn,
            marker,
            ..
        } => {
            let what = if paragraphs.len() == 1 { "¶" } else { "¶¶" };
            let mut out = match score {
                None => format!("{what} no tone words"),
                Some(v) => {
                    let terms = breakdown(article, tl, paragraphs.clone());
                    let list: Vec<String> = terms
                        .iter()
                        .take(DETAIL_TERMS)
                        .map(|(label, rule, value)| {
                            if *rule {
                                format!("[{label}] {}", s(*value))
                            } else {
                                format!("{label} {}", s(*value))
                            }
                        })
                        .collect();
                    let smooth = smoothed
                        .map(|m| format!(" (• {})", s(m)))
                        .unwrap_or_default();
                    format!("{what} {}{smooth}: {}", s(*v), list.join(", "))
                }
            };
            if let Some(k) = turn {
                let tp = &tl.turning_points[*k];
                out = format!(
                    "◆ turn {} → {}: {} · {out}",
                    s(tp.before),
                    s(tp.after),
                    turn_words(tp)
                );
            }
            if let Some(k) = marker {
                let m = &tl.markers[*k];
                out = format!("{out} · “{}” {}", m.word, s(m.score()));
            }
            out
        }
        ChartKind::Turn(k) | ChartKind::TurnWords { turn: k, .. } => {
            let tp = &tl.turning_points[*k];
            format!(
                "◆ turn {} → {}: {}",
                s(tp.before),
                s(tp.after),
                turn_words(tp)
            )
        }
        ChartKind::Marker(k) => {
            let m = &tl.markers[*k];
            let sentence = &tl.sentences[m.sentence].range;
            let room = width
                .saturating_mul(DETAIL_LINES)
                .saturating_sub(m.word.len() + 12);
            format!(
                "“{}” {} — {}",
                m.word,
                s(m.score()),
                m.snippet(&article.text, sentence, room)
            )
        }
    };
    let lines = crate::layout::wrap::wrap(&text, width.max(1));
    let n = lines.len();
    let mut out: Vec<String> = lines
        .into_iter()
        .take(DETAIL_LINES)
        .map(|r| text[r].to_string())
        .collect();
    if n > DETAIL_LINES
        && let Some(last) = out.last_mut()
    {
        last.push('…');
    }
    out
}

/// The words and rules that made the score of `paragraphs` (their mean over the scored ones):
/// `(label, is a rule, share)`, largest |share| first.
pub fn breakdown(
    article: &Article,
    tl: &Timeline,
    paragraphs: std::ops::Range<usize>,
) -> Vec<(String, bool, f64)> {
    let scored: Vec<usize> = paragraphs
        .filter(|&p| tl.paragraphs.get(p).is_some_and(|x| x.score.is_some()))
        .collect();
    if scored.is_empty() {
        return Vec::new();
    }
    let mut sums: std::collections::HashMap<(String, bool), f64> = std::collections::HashMap::new();
    for &p in &scored {
        for c in tl.paragraph_contributions(&article.text, p) {
            *sums.entry((c.label, c.rule)).or_default() += c.value / scored.len() as f64;
        }
    }
    let mut out: Vec<(String, bool, f64)> = sums.into_iter().map(|((l, r), v)| (l, r, v)).collect();
    out.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_articles_keep_the_chart_short() {
        let text = crate::generate::article(crate::generate::GenFormat::Markdown, 600_000, 3);
        let a = crate::article::parse_str(&text, crate::article::Format::Markdown, "g");
        let tl = crate::analysis::tone::timeline(&a);
        assert!(
            tl.paragraphs.len() > MAX_PARAGRAPH_ROWS,
            "{}",
            tl.paragraphs.len()
        );
        let rows = rows(&a, &tl);
        let curve = rows
            .iter()
            .filter(|r| matches!(r.kind, ChartKind::Curve { .. }))
            .count();
        let markers = rows
            .iter()
            .filter(|r| matches!(r.kind, ChartKind::Marker(_)))
            .count();
        assert!(curve <= MAX_PARAGRAPH_ROWS, "{curve}");
        assert!(
            markers <= curve,
            "at most one quoted word per row: {markers} for {curve}"
        );
        let sections = rows
            .iter()
            .filter(|r| matches!(r.kind, ChartKind::Section { .. }))
            .count();
        assert!(
            sections <= curve + 1,
            "at most one section title per row: {sections} for {curve}"
        );
    }
    use crate::analysis::tone::timeline;
    use crate::article::{Format, parse_str};

    const FALLING: &str = "# Start\n\nThe talks were a “fantastic” success and a wonderful, warm, friendly meeting.\n\nBoth sides praised the excellent and productive progress.\n\nDelegates celebrated a great and generous offer.\n\n# Later\n\nThe deal was “spoiled” by bitter, hostile accusations and angry threats.\n\nTalks collapsed in failure amid terrible distrust.\n\nOfficials condemned the disastrous and toxic breakdown.\n";

    #[test]
    fn rows_cover_sections_curve_turns_and_markers() {
        let a = parse_str(FALLING, Format::Markdown, "t");
        let tl = timeline(&a);
        let rows = rows(&a, &tl);
        let sections = rows
            .iter()
            .filter(|r| matches!(r.kind, ChartKind::Section { .. }))
            .count();
        assert_eq!(sections, a.sections.len());
        let curve = rows
            .iter()
            .filter(|r| matches!(r.kind, ChartKind::Curve { .. }))
            .count();
        assert_eq!(curve, tl.paragraphs.len());
        assert!(rows.iter().any(|r| matches!(r.kind, ChartKind::Marker(_))));
        // Rows are in document order.
        assert!(
            rows.windows(2).all(|w| w[0].block <= w[1].block),
            "{rows:?}"
        );
        let first_event = next_event(&rows, 0, true).unwrap();
        assert!(matches!(
            rows[first_event].kind,
            ChartKind::Turn(_) | ChartKind::Marker(_)
        ));
        let cursor_row = row_for_block(&rows, a.blocks.len() - 1).unwrap();
        assert!(matches!(rows[cursor_row].kind, ChartKind::Curve { .. }));
    }
}
