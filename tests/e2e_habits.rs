//! End-to-end reading habits (issue 11): the real `tenor` binary in a pty at 120×40, on an
//! article of the reference shape (plain text: long paragraphs under short heading lines).

mod pty;

use pty::Session;

/// A plain-text article of our own in the reference shape: a lead paragraph, then sections of
/// a heading line and a few long paragraphs. Each paragraph names its section and place.
fn reference_shape() -> String {
    let mut s = String::from("Canal Tolls Return to the Agenda\n\n");
    let filler = "The delegations traded figures on lock maintenance, pilot fees and the \
                  share of revenue owed to the towns along the banks, and each side said the \
                  other had moved less than it claimed; observers expect the numbers to be \
                  revised again before any text is initialled, and the shipping lines have \
                  asked to be heard before then.";
    s.push_str(&format!("Lead paragraph. {filler}\n\n"));
    for sec in 1..=6 {
        s.push_str(&format!("Chapter {sec} of the toll dispute\n\n"));
        for p in 1..=3 {
            s.push_str(&format!("Body {sec}.{p} opens here. {filler}\n\n"));
        }
    }
    s
}

fn start_on_reference_shape() -> Session {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("canal-tolls.txt");
    std::fs::write(&path, reference_shape()).unwrap();
    let s = Session::start_in(dir, &[path.to_str().unwrap()], 120, 40);
    s.wait_for("the article", |t| t.contains("READ"));
    s
}

fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}

#[test]
fn next_heading_lands_at_the_top_with_its_first_paragraph() {
    let mut s = start_on_reference_shape();
    s.send("]]]]]]");
    let screen = s.wait_for("chapter 3", |t| {
        t.contains("› Chapter 3 of the toll dispute")
    });
    let heading = row_of(&screen, "Chapter 3 of the toll dispute").unwrap();
    assert!(heading <= 3, "heading on row {heading}:\n{screen}");
    assert!(
        screen.contains("Body 3.1 opens here"),
        "first paragraph visible:\n{screen}"
    );
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn n_after_g_goes_on_from_the_end() {
    let mut s = start_on_reference_shape();
    s.send("/opens here\r");
    s.wait_for("the first match", |t| t.contains("[1/18]"));
    s.send("G");
    s.send("n");
    let screen = s.wait_for("the last match", |t| t.contains("[18/18]"));
    assert!(screen.contains("Body 6.3 opens here"), "{screen}");
    s.send("n");
    let screen = s.wait_for("the wrap", |t| t.contains("continuing at the top"));
    assert!(screen.contains("[1/18]"), "{screen}");
    let row = row_of(&screen, "Body 1.1 opens here").unwrap();
    assert!(row <= 4, "match near the top, row {row}:\n{screen}");
    s.send("q");
    assert!(s.wait_exit());
}
