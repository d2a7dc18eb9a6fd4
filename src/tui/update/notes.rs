//! Annotations in the reader: selecting by keyboard, highlighting, notes, tags, bookmarks,
//! moving between annotations, deleting, undo and redo. Pure: saving and deleting are
//! effects the runtime performs with the store.

use std::ops::Range;

use super::Effect;
use crate::annotate::{Annotation, Motivation, Target, fingerprint, now_utc};
use crate::tui::input::{Action, Key, KeyCode};
use crate::tui::state::notes::{Change, Selection, Unit, block_at, color_for, sentence_at, step};
use crate::tui::state::{App, DocState, Focus, JumpMark, Overlay, Prompt, PromptKind, SideTab};

/// How long (in ticks) a passage jumped to stays marked.
const MARK_TICKS: u8 = 40;

/// The annotation actions; `None` when `action` is not one of them.
pub(super) fn action(app: &mut App, action: Action, count: usize) -> Option<Vec<Effect>> {
    use Action::*;
    let focus = app.focus;
    let tab = app.side_tab;
    if let AcceptReview | RejectReview = action {
        return Some(review(app, action == AcceptReview));
    }
    if focus == Focus::Side && tab == SideTab::Notes {
        return notes_tab(app, action, count);
    }
    let d = app.doc.as_mut()?;
    let effects = match action {
        SelectSentence | SelectBlock => {
            let r = start_range(d, focus, tab, action == SelectBlock)?;
            d.selection = Some(Selection::of(r));
            app.focus = Focus::Reader;
            Vec::new()
        }
        ExtendWord | ShrinkWord | ExtendSentence | ShrinkSentence | ExtendBlock | ShrinkBlock => {
            let sel = d.selection.as_mut()?;
            let (unit, forward) = match action {
                ExtendWord => (Unit::Word, true),
                ShrinkWord => (Unit::Word, false),
                ExtendSentence => (Unit::Sentence, true),
                ShrinkSentence => (Unit::Sentence, false),
                ExtendBlock => (Unit::Block, true),
                _ => (Unit::Block, false),
            };
            for _ in 0..count.min(1000) {
                sel.head = step(&d.reader.article, sel.head, unit, forward);
            }
            let head = sel.head;
            let b = block_at(&d.reader.article, head.saturating_sub(usize::from(forward)));
            d.reader.goto_block(b);
            d.reader.show_offset(b, head);
            Vec::new()
        }
        CancelSelection => {
            d.selection = None;
            Vec::new()
        }
        Highlight => {
            let range = d.selection.take()?.range();
            create(app, range, Motivation::Highlighting, |a| {
                a.color = color_for(count)
            })
        }
        Bookmark => {
            let range = match d.selection.take() {
                Some(s) => s.range(),
                None => start_range(d, focus, tab, false)?,
            };
            create(app, range, Motivation::Bookmarking, |_| {})
        }
        AddTags => {
            // (add_note opens the multi-line editor: update::editor.)
            let id = if d.selection.is_some() {
                None
            } else {
                Some(here(d)?.0.id.clone())
            };
            let input = id
                .as_ref()
                .and_then(|id| find(d, id))
                .map(|p| p.0.tags.join(" "))
                .unwrap_or_default();
            app.overlay = Some(Overlay::Prompt(Prompt::new(PromptKind::Tags { id }, input)));
            Vec::new()
        }
        NextAnnotation | PrevAnnotation => {
            let forward = action == NextAnnotation;
            for _ in 0..count.min(10_000) {
                if !move_to_annotation(d, forward) {
                    app.notify(if forward {
                        "No annotation after this one"
                    } else {
                        "No annotation before this one"
                    });
                    break;
                }
            }
            Vec::new()
        }
        DeleteAnnotation => {
            let Some((a, range)) = here(d).map(|(a, r)| (a.clone(), r)) else {
                app.notify("No annotation here");
                return Some(Vec::new());
            };
            d.notes.remove(&a.id);
            d.jump_mark = None;
            d.note_history.push(Change {
                before: Some((a.clone(), range)),
                after: None,
            });
            app.notify("Annotation deleted (u undoes)");
            vec![Effect::DeleteAnnotation(a.id)]
        }
        UndoAnnotation | RedoAnnotation => {
            let undo = action == UndoAnnotation;
            let h = &mut d.note_history;
            let Some(c) = (if undo { h.undo.pop() } else { h.redo.pop() }) else {
                app.notify(if undo {
                    "No annotation change to undo"
                } else {
                    "No annotation change to redo"
                });
                return Some(Vec::new());
            };
            let (from, to) = if undo {
                (c.after.clone(), c.before.clone())
            } else {
                (c.before.clone(), c.after.clone())
            };
            if undo {
                d.note_history.redo.push(c);
            } else {
                d.note_history.undo.push(c);
            }
            let key = d.key.as_ref().map(|k| k.to_string()).unwrap_or_default();
            let fp = fingerprint(&d.reader.article.text);
            match (from, to) {
                (Some((a, _)), None) => {
                    d.notes.remove(&a.id);
                    vec![Effect::DeleteAnnotation(a.id)]
                }
                (_, Some((mut a, range))) => {
                    a.deleted = None;
                    a.modified = now_utc();
                    d.notes.put(a.clone(), range);
                    vec![Effect::SaveAnnotation {
                        key,
                        fingerprint: fp,
                        annotation: Box::new(a),
                    }]
                }
                (None, None) => Vec::new(),
            }
        }
        AttachAnnotation => {
            let range = d.selection?.range();
            let Some(p) = d.notes.selected().filter(|p| p.range.is_none()) else {
                app.notify("First select a note listed as not found in the Notes tab");
                return Some(Vec::new());
            };
            let mut a = p.annotation.clone();
            d.selection = None;
            a.target = Target::of(&d.reader.article.text, range.clone());
            a.modified = now_utc();
            d.notes.put(a.clone(), range);
            let key = d.key.as_ref().map(|k| k.to_string()).unwrap_or_default();
            app.notify("Note attached to the selection");
            vec![Effect::SaveAnnotation {
                key,
                fingerprint: a.target.fingerprint.clone(),
                annotation: Box::new(a),
            }]
        }
        Yank | YankCitation => {
            let range = d.selection.take()?.range();
            let a = &d.reader.article;
            let mut text = a.text.get(range.clone()).unwrap_or_default().to_string();
            if action == YankCitation {
                text.push_str(&citation(d, range.start));
            }
            let n = text.chars().count();
            app.notify(format!(
                "Copied {} to the clipboard",
                crate::plural::plural(n, "character", "characters")
            ));
            vec![Effect::Copy(text)]
        }
        _ => return None,
    };
    Some(effects)
}

/// Keys in the Notes tab: move the selection, filter, jump to the passage (and mark it).
fn notes_tab(app: &mut App, action: Action, count: usize) -> Option<Vec<Effect>> {
    use Action::*;
    let d = app.doc.as_mut()?;
    let n = d.notes.rows.len();
    if d.notes.cursor.step(n, action, count) {
        return Some(Vec::new());
    }
    match action {
        Search => {
            let f = d.notes.filter.clone();
            app.overlay = Some(Overlay::Prompt(Prompt::new(PromptKind::NotesFilter, f)));
        }
        ClearSearch => d.notes.set_filter(""),
        Activate => {
            let Some(p) = d.notes.selected() else {
                return Some(Vec::new());
            };
            let Some(range) = p.place() else {
                app.notify("This note's passage was not found: select the new one and press A");
                return Some(Vec::new());
            };
            let review = p.candidate.is_some();
            let block = block_at(&d.reader.article, range.start);
            d.reader.jump_to_offset(block, range.start);
            d.jump_mark = Some(JumpMark {
                block,
                range,
                ticks: MARK_TICKS,
            });
            if review {
                let (yes, no) = app.review_keys();
                app.notify(format!(
                    "Tenor thinks the note is here: {yes} accepts, {no} rejects"
                ));
            }
            if app.areas.covered {
                app.focus = Focus::Reader;
            }
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// The passage `v` (or `V`, `block`) starts from: in the Points tab the selected key point;
/// in the reader the current search match when it is in the cursor's block, else the cursor's
/// sentence (or block).
fn start_range(d: &DocState, focus: Focus, tab: SideTab, block: bool) -> Option<Range<usize>> {
    let r = &d.reader;
    let a = &r.article;
    if focus == Focus::Side && tab == SideTab::Points {
        let p = d.points.as_ref()?;
        return p.get(a, d.points_list.cursor.selected).map(|pt| pt.range());
    }
    let b = a.blocks.get(r.cursor)?;
    if block {
        return (!b.range.is_empty()).then(|| b.range.clone());
    }
    if let Some(m) = r.search.current.and_then(|c| r.search.matches.get(c))
        && b.range.start <= m.start
        && m.end <= b.range.end
    {
        return Some(m.clone());
    }
    // Where the cursor is inside a tall block: the first line on screen, else the start.
    let off = if r.top.block == r.cursor {
        r.lines(r.cursor)
            .get(r.top.row.saturating_sub(1))
            .map_or(b.range.start, |l| l.range.start)
    } else {
        b.range.start
    };
    sentence_at(a, r.cursor, off)
}

/// Make an annotation on `range` of the open article and save it.
pub(super) fn create(
    app: &mut App,
    range: Range<usize>,
    motivation: Motivation,
    set: impl FnOnce(&mut Annotation),
) -> Vec<Effect> {
    let Some(d) = app.doc.as_mut() else {
        return Vec::new();
    };
    let Some(key) = d.key.as_ref().map(|k| k.to_string()) else {
        app.warn("Annotations need a file: standard input has no place to keep them");
        return Vec::new();
    };
    if range.is_empty() {
        return Vec::new();
    }
    let text = &d.reader.article.text;
    let target = Target::of(text, range.clone());
    let fp = target.fingerprint.clone();
    let article = d.notes.article_id.clone().unwrap_or_default();
    let mut a = Annotation::new(&article, target, motivation);
    set(&mut a);
    d.notes.put(a.clone(), range.clone());
    d.note_history.push(Change {
        before: None,
        after: Some((a.clone(), range)),
    });
    vec![Effect::SaveAnnotation {
        key,
        fingerprint: fp,
        annotation: Box::new(a),
    }]
}

/// The annotation with this id and where it is.
pub(super) fn find<'a>(
    d: &'a DocState,
    id: &str,
) -> Option<(&'a Annotation, Option<Range<usize>>)> {
    d.notes.by_id(id).map(|p| (&p.annotation, p.range.clone()))
}

/// The annotation the cursor is on: the one last moved to (still marked) when it is in the
/// cursor's block, else the first one in the cursor's block.
pub(super) fn here(d: &DocState) -> Option<(&Annotation, Range<usize>)> {
    let r = &d.reader;
    let b = r.article.blocks.get(r.cursor)?;
    if let Some(m) = &d.jump_mark
        && m.block == r.cursor
        && let Some(p) = d
            .notes
            .overlapping(&m.range)
            .find(|p| p.range.as_ref() == Some(&m.range))
    {
        return Some((&p.annotation, m.range.clone()));
    }
    // Just jumped to a passage proposed for review: not another annotation of the block.
    if let Some(m) = d.jump_mark.as_ref().filter(|m| m.block == r.cursor)
        && d.notes
            .candidates_overlapping(&m.range)
            .any(|p| p.candidate.as_ref() == Some(&m.range))
    {
        return None;
    }
    d.notes
        .overlapping(&b.range)
        .next()
        .and_then(|p| Some((&p.annotation, p.range.clone()?)))
}

/// Move the cursor to the next (previous) annotation and mark it; false when there is none.
fn move_to_annotation(d: &mut DocState, forward: bool) -> bool {
    let r = &d.reader;
    let Some(b) = r.article.blocks.get(r.cursor) else {
        return false;
    };
    // From the annotation marked in the cursor's block, else from the block's start.
    let from = d
        .jump_mark
        .as_ref()
        .filter(|m| m.block == r.cursor)
        .map(|m| m.range.start);
    let placed = d.notes.placed();
    let start = |p: &crate::tui::state::notes::Placed| p.range.as_ref().map_or(0, |x| x.start);
    let i = match (forward, from) {
        (true, Some(f)) => placed.partition_point(|p| start(p) <= f),
        (true, None) => placed.partition_point(|p| start(p) < b.range.start),
        (false, _) => {
            let f = from.unwrap_or(b.range.start);
            match placed.partition_point(|p| start(p) < f).checked_sub(1) {
                Some(i) => i,
                None => return false,
            }
        }
    };
    let Some(range) = placed.get(i).and_then(|p| p.range.clone()) else {
        return false;
    };
    let block = block_at(&d.reader.article, range.start);
    d.reader.jump_to_offset(block, range.start);
    d.jump_mark = Some(JumpMark {
        block,
        range,
        ticks: MARK_TICKS,
    });
    true
}

/// A key in the tags prompt. Enter saves (on the selection, or the annotation being edited);
/// Esc cancels; Tab completes a tag from the tags used.
pub(super) fn prompt_key(app: &mut App, mut p: Prompt, k: Key) -> Vec<Effect> {
    if matches!(p.kind, PromptKind::NotesFilter) {
        return filter_key(app, p, k);
    }
    let PromptKind::Tags { id } = &p.kind else {
        return Vec::new();
    };
    let id = id.clone();
    match k.code {
        KeyCode::Esc => return Vec::new(),
        KeyCode::Enter => {}
        KeyCode::Tab => {
            if let Some(d) = app.doc() {
                complete_tag(&mut p, &d.notes.tags());
            }
            app.overlay = Some(Overlay::Prompt(p));
            return Vec::new();
        }
        _ => {
            super::prompt::edit_line(&mut p.input, &mut p.cursor, k);
            app.overlay = Some(Overlay::Prompt(p));
            return Vec::new();
        }
    }
    let input = p.input.trim().to_string();
    let set = move |a: &mut Annotation| a.tags = split_tags(&input);
    let Some(id) = id else {
        // A new annotation on the selection.
        let Some(range) = app
            .doc_mut()
            .and_then(|d| d.selection.take())
            .map(|s| s.range())
        else {
            return Vec::new();
        };
        return create(app, range, Motivation::Tagging, set);
    };
    edit(app, &id, set)
}

/// Change the annotation with this id as `set` does, and save it (nothing when unchanged).
pub(super) fn edit(app: &mut App, id: &str, set: impl FnOnce(&mut Annotation)) -> Vec<Effect> {
    let Some(d) = app.doc_mut() else {
        return Vec::new();
    };
    let Some((before, range)) = find(d, id).and_then(|(a, r)| Some((a.clone(), r?))) else {
        return Vec::new();
    };
    let mut after = before.clone();
    set(&mut after);
    if after == before {
        return Vec::new();
    }
    after.modified = now_utc();
    if after.motivation == Motivation::Highlighting && !after.note.is_empty() {
        after.motivation = Motivation::Commenting;
    }
    d.notes.put(after.clone(), range.clone());
    d.note_history.push(Change {
        before: Some((before, range.clone())),
        after: Some((after.clone(), range)),
    });
    let key = d.key.as_ref().map(|k| k.to_string()).unwrap_or_default();
    vec![Effect::SaveAnnotation {
        key,
        fingerprint: fingerprint(&d.reader.article.text),
        annotation: Box::new(after),
    }]
}

/// Tags typed as words, `#` optional, without repeats.
pub fn split_tags(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in s.split([' ', ',']) {
        let t = t.trim().trim_start_matches('#');
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Complete the word before the cursor to the first tag used that starts with it.
fn complete_tag(p: &mut Prompt, used: &[String]) {
    let at = p.cursor.min(p.input.len());
    let start = p.input[..at].rfind([' ', ',']).map_or(0, |i| i + 1);
    let word = p.input[start..at].trim_start_matches('#');
    if word.is_empty() && start == at && used.is_empty() {
        return;
    }
    if let Some(t) = used
        .iter()
        .find(|t| t.starts_with(word) && t.as_str() != word)
    {
        let tail = format!("{t} ");
        p.input.replace_range(start..at, &tail);
        p.cursor = start + tail.len();
    }
}

/// The answer to [`Effect::SaveAnnotation`]: the stored copy (with its article id) replaces
/// the one drawn; a failure is said.
pub(super) fn saved(app: &mut App, result: Result<Box<Annotation>, String>) {
    match result {
        Ok(a) => {
            if let Some(d) = app.doc_mut() {
                if d.notes.article_id.is_none() && !a.article.is_empty() {
                    d.notes.article_id = Some(a.article.clone());
                }
                for p in d.notes.list.iter_mut() {
                    if p.annotation.id == a.id {
                        p.annotation.article = a.article.clone();
                    }
                }
                for c in d
                    .note_history
                    .undo
                    .iter_mut()
                    .chain(d.note_history.redo.iter_mut())
                {
                    for (x, _) in c.before.iter_mut().chain(c.after.iter_mut()) {
                        if x.article.is_empty() {
                            x.article = a.article.clone();
                        }
                    }
                }
            }
        }
        Err(e) => {
            log::warn!("{e}");
            app.warn(e);
        }
    }
}

/// The citation line added by `Y`: a dash, the title, the section path and the place.
fn citation(d: &DocState, off: usize) -> String {
    let a = &d.reader.article;
    let mut parts = vec![a.meta.title.clone()];
    let b = block_at(a, off);
    if let Some(blk) = a.blocks.get(b) {
        parts.extend(
            a.section_path(blk.section)
                .into_iter()
                .filter_map(|s| a.sections[s].title.clone()),
        );
    }
    // The article's title is often its first heading too.
    parts.dedup();
    let place = d.key.as_ref().map(|k| k.to_string()).unwrap_or_default();
    let mut line = format!("\n\n— {}", parts.join(" › "));
    if let Some(p) = place.strip_prefix("file:") {
        let offsets = crate::annotate::anchor::Offsets::new(&a.text);
        line.push_str(&format!(" ({p}#char={})", offsets.char_of(&a.text, off)));
    }
    line
}

/// A key in the Notes tab's filter: the list follows as you type; Esc clears the filter.
fn filter_key(app: &mut App, mut p: Prompt, k: Key) -> Vec<Effect> {
    let close = match k.code {
        KeyCode::Esc => {
            p.input.clear();
            true
        }
        KeyCode::Enter => true,
        KeyCode::Backspace if p.input.is_empty() => true,
        _ => {
            super::prompt::edit_line(&mut p.input, &mut p.cursor, k);
            false
        }
    };
    if let Some(d) = app.doc_mut() {
        d.notes.set_filter(&p.input);
    }
    if !close {
        app.overlay = Some(Overlay::Prompt(p));
    }
    Vec::new()
}

// ---- Review of needs_review and fuzzy placements (issue 10) ----

/// Accept (or reject) the place proposed for the note selected in the Notes tab, or the one at
/// the cursor in the reader: saved, and undone by `u`.
fn review(app: &mut App, accept: bool) -> Vec<Effect> {
    use crate::annotate::review;
    let in_tab = app.focus == Focus::Side && app.side_tab == SideTab::Notes;
    let Some(d) = app.doc.as_mut() else {
        return Vec::new();
    };
    let id = if in_tab {
        d.notes.selected().map(|p| p.annotation.id.clone())
    } else {
        review_here(d)
    };
    let Some(p) = id.as_deref().and_then(|id| d.notes.by_id(id)).cloned() else {
        app.notify("No note to review here (the Notes tab marks them ? check and ~ moved)");
        return Vec::new();
    };
    if !review::wants_review(p.status) {
        app.notify(if p.range.is_some() {
            "This note is in place: nothing to review"
        } else {
            "This note's passage was not found: select the new one and press A"
        });
        return Vec::new();
    }
    let Some(key) = d.key.as_ref().map(|k| k.to_string()) else {
        return Vec::new();
    };
    let mut before = p.annotation.clone();
    before.target.status = p.status;
    let range = p.place().unwrap_or(0..0);
    let text = &d.reader.article.text;
    let fp = fingerprint(text);
    let now = now_utc();
    let after = if accept {
        review::accept(&before, text, range.clone(), &now)
    } else {
        review::reject(&before, &fp, &now)
    };
    let Some(after) = after else {
        return Vec::new();
    };
    d.notes.put(after.clone(), range.clone());
    // The Notes tab's selection follows the note to its new place in the list.
    if in_tab
        && let Some(row) = d.notes.rows.iter().position(|&i| {
            d.notes
                .list
                .get(i)
                .is_some_and(|p| p.annotation.id == after.id)
        })
    {
        d.notes.cursor.selected = row;
    }
    if !accept && d.jump_mark.as_ref().is_some_and(|m| m.range == range) {
        d.jump_mark = None;
    }
    d.note_history.push(Change {
        before: Some((before, range.clone())),
        after: Some((after.clone(), range)),
    });
    let left = d.notes.to_review();
    app.notify(format!(
        "{} (u undoes){}",
        if accept {
            "Note placed here"
        } else {
            "Note set apart as not found; attach it to a selection with A"
        },
        match left {
            0 => String::new(),
            n => format!(" · {} to review", n),
        }
    ));
    vec![Effect::SaveAnnotation {
        key,
        fingerprint: fp,
        annotation: Box::new(after),
    }]
}

/// The note waiting for review at the cursor: the one just jumped to (still marked) when it is
/// in the cursor's block, else the first moved one or candidate in the cursor's block.
fn review_here(d: &DocState) -> Option<String> {
    use crate::annotate::review::wants_review;
    let r = &d.reader;
    let b = r.article.blocks.get(r.cursor)?;
    let fuzzy = d
        .notes
        .overlapping(&b.range)
        .filter(|p| wants_review(p.status));
    let mut near: Vec<&crate::tui::state::notes::Placed> = fuzzy
        .chain(d.notes.candidates_overlapping(&b.range))
        .collect();
    if let Some(m) = d.jump_mark.as_ref().filter(|m| m.block == r.cursor)
        && let Some(p) = near.iter().find(|p| p.place().as_ref() == Some(&m.range))
    {
        return Some(p.annotation.id.clone());
    }
    near.sort_by_key(|p| p.place().map_or(0, |x| x.start));
    // Else a note in place here (to say there is nothing to review).
    near.first()
        .copied()
        .or_else(|| d.notes.overlapping(&b.range).next())
        .map(|p| p.annotation.id.clone())
}

/// Said when an article's notes arrive: how many wait for review.
pub(super) fn loaded(app: &mut App) {
    let n = app.doc().map_or(0, |d| d.notes.to_review());
    if n > 0 {
        app.notify(format!(
            "{} review: see Notes",
            crate::plural::plural(n, "note needs", "notes need")
        ));
    }
}
