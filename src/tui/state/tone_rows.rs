//! The Tone tab's rows: the tone curve through the article, one row per paragraph (or per bucket
//! of paragraphs in long articles), with section starts, turning points and quoted evaluative
//! words as rows of their own. Pure: built once when the timeline arrives.

use crate::analysis::tone::Timeline;
use crate::article::Article;

/// Most rows the chart has; longer articles are bucketed so the whole curve stays browsable.
const MAX_PARAGRAPH_ROWS: usize = 600;

#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    /// A section starts: its index and its tone.
    Section { section: usize, score: Option<f64> },
    /// One paragraph or a bucket of them: the smoothed score (None: no tone words).
    Curve {
        score: Option<f64>,
        raw: Option<f64>,
    },
    /// A turning point: index into `Timeline::turning_points`.
    Turn(usize),
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
    let paras = &tl.paragraphs;
    let bucket = paras.len().div_ceil(MAX_PARAGRAPH_ROWS).max(1);
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
                score: mean(&|p| p.smoothed.or(p.score)),
                raw: mean(&|p| p.score),
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
    let is_event = |r: &ChartRow| matches!(r.kind, ChartKind::Turn(_) | ChartKind::Marker(_));
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
