//! End-to-end annotations: the real `tenor` in a pseudo-terminal selects a sentence, adds a
//! note, quits; the article is edited above that sentence; reopened, the note is on the same
//! passage.

mod pty;

use std::path::Path;
use std::time::Duration;

use pty::Session;

/// `tenor FILE` at 100×30 with `data` as the data, config and home directory; each key sent
/// is given 150 ms.
fn start(data: &Path, file: &Path) -> Session {
    Session::start_at(data, &[file.to_str().unwrap()], 100, 30)
        .with_settle(Duration::from_millis(150))
}

const ARTICLE: &str = "# Canal survey\n\n\
The survey team walked the towpath in March. Their report lists eleven locks.\n\n\
Lock seven leaks at the lower gate. Repairs were postponed twice.\n";

#[test]
fn a_note_stays_on_its_sentence_after_the_article_is_edited_above_it() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("canal.md");
    std::fs::write(&file, ARTICLE).unwrap();

    let mut s = start(data.path(), &file);
    s.wait_for("the article", |t| t.contains(" READ "));
    // Find the sentence, select it from the match to its end, write a note.
    s.send("/Lock seven\r");
    s.send("v");
    s.wait_for("selection mode", |t| t.contains(" SELECT "));
    s.send(")");
    s.send("a");
    s.wait_for("the note editor", |t| t.contains("New note"));
    // Ctrl-s saves the note.
    s.send("gate needs a survey\x13");
    s.wait_for("the note's gutter mark", |t| {
        t.lines()
            .any(|l| l.contains('✎') && l.contains("Lock seven"))
    });
    s.send("q");
    assert!(s.wait_exit());

    // Edited above the sentence: a new paragraph, and a word changed in the first one.
    let edited = ARTICLE.replace("in March", "in early March").replace(
        "# Canal survey\n\n",
        "# Canal survey\n\nA short summary comes first now.\n\n",
    );
    std::fs::write(&file, edited).unwrap();

    let mut s = start(data.path(), &file);
    s.wait_for("the note on the same sentence", |t| {
        t.lines()
            .any(|l| l.contains('✎') && l.contains("Lock seven"))
    });
    // ]n goes to it; a opens its note to edit.
    s.send("]na");
    s.wait_for("its note", |t| {
        t.contains("Edit note") && t.contains("gate needs a survey")
    });
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit());
}
