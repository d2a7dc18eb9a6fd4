//! `tenor tone --json`: one document, written as it is serialized ([`write_json`]) or made a
//! value ([`timeline_json`]), from one definition of its shape.

use std::io::{self, Write};

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::{Arc, Timeline, timeline};
use crate::article::Article;
use crate::article::text::CharIndex;

use super::r4;

/// A JSON array serialized from an iterator made on demand.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct Sentence {
    start: usize,
    end: usize,
    score: f64,
}

#[derive(Serialize)]
struct Paragraph {
    block: usize,
    score: Option<f64>,
    smoothed: Option<f64>,
}

#[derive(Serialize)]
struct Section<'a> {
    id: &'a str,
    title: &'a Option<String>,
    score: Option<f64>,
}

#[derive(Serialize)]
struct Turn<'a> {
    block: usize,
    before: f64,
    after: f64,
    words_before: &'a [String],
    words_after: &'a [String],
}

#[derive(Serialize)]
struct Marker<'a> {
    word: &'a str,
    score: f64,
    start: usize,
    end: usize,
    snippet: String,
}

#[derive(Serialize)]
struct ArcJson {
    levels: Vec<f64>,
    min: f64,
    max: f64,
    turns: usize,
    summary: String,
}

impl ArcJson {
    fn of(a: &Arc) -> Self {
        ArcJson {
            levels: a.levels.iter().map(|&x| r4(x)).collect(),
            min: r4(a.min),
            max: r4(a.max),
            turns: a.turns(),
            summary: a.to_string(),
        }
    }
}

/// Write the `tenor tone --json` document of `a`, pretty-printed, and a newline: piece by
/// piece, never holding the whole document (for a 100 MB article, the value and its string took
/// 17× the input).
pub fn write_json(a: &Article, out: &mut dyn Write) -> io::Result<()> {
    let tl = timeline(a);
    let idx = CharIndex::new(&a.text);
    serde_json::to_writer_pretty(&mut *out, &Doc::new(a, &tl, &idx)).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The `tenor tone --json` value of an already computed timeline: the same document as
/// [`write_json`] writes.
pub fn timeline_json(a: &Article, tl: &Timeline) -> Value {
    let idx = CharIndex::new(&a.text);
    serde_json::to_value(Doc::new(a, tl, &idx)).unwrap_or(Value::Null)
}

/// A list made on demand, as it is written.
type Lazy<'a, T> = Seq<Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>>;

/// The document: each list serialized from an iterator as it is written.
#[derive(Serialize)]
struct Doc<'a> {
    overall: Option<f64>,
    arc: Option<ArcJson>,
    sentences: Lazy<'a, Sentence>,
    paragraphs: Lazy<'a, Paragraph>,
    sections: Lazy<'a, Section<'a>>,
    turning_points: Lazy<'a, Turn<'a>>,
    markers: Lazy<'a, Marker<'a>>,
}

impl<'a> Doc<'a> {
    fn new(a: &'a Article, tl: &'a Timeline, idx: &'a CharIndex) -> Self {
        let cp = move |b: usize| idx.char_of(&a.text, b);
        Doc {
            overall: tl.overall().map(r4),
            arc: tl.arc().as_ref().map(ArcJson::of),
            sentences: Seq(Box::new(move || {
                Box::new(tl.sentences.iter().map(move |s| Sentence {
                    start: cp(s.range.start),
                    end: cp(s.range.end),
                    score: r4(s.score),
                }))
            })),
            paragraphs: Seq(Box::new(move || {
                Box::new(tl.paragraphs.iter().map(|p| Paragraph {
                    block: p.block,
                    score: p.score.map(r4),
                    smoothed: p.smoothed.map(r4),
                }))
            })),
            sections: Seq(Box::new(move || {
                Box::new(tl.sections.iter().map(move |s| {
                    let sec = &a.sections[s.section];
                    Section {
                        id: &sec.id.0,
                        title: &sec.title,
                        score: s.score.map(r4),
                    }
                }))
            })),
            turning_points: Seq(Box::new(move || {
                Box::new(tl.turning_points.iter().map(|t| Turn {
                    block: t.block,
                    before: r4(t.before),
                    after: r4(t.after),
                    words_before: &t.words_before,
                    words_after: &t.words_after,
                }))
            })),
            markers: Seq(Box::new(move || {
                Box::new(tl.markers.iter().map(move |m| Marker {
                    word: &m.word,
                    score: r4(m.score()),
                    start: cp(m.range.start),
                    end: cp(m.range.end),
                    snippet: m.snippet(&a.text, &tl.sentences[m.sentence].range, 72),
                }))
            })),
        }
    }
}
#[cfg(test)]
mod tests {
    use crate::analysis::tone::tone_json;
    use crate::article::{Format, parse_str};

    /// Records the largest single write.
    struct Largest(usize, usize);

    impl std::io::Write for Largest {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 = self.0.max(buf.len());
            self.1 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The document goes out piece by piece: never held whole (it took 17× a 100 MB input).
    #[test]
    fn the_json_is_written_as_it_is_made() {
        let src = "The talks were a great success. The collapse was terrible.\n\n".repeat(2000);
        let a = parse_str(&src, Format::Plain, "t");
        let mut out = Largest(0, 0);
        super::write_json(&a, &mut out).unwrap();
        assert!(out.1 > 200_000, "{} bytes", out.1);
        assert!(out.0 < 1000, "one write of {} bytes", out.0);
    }

    /// Byte for byte what pretty-printing the `tone_json` value gives.
    #[test]
    fn streamed_json_equals_the_value_printed() {
        let mut cases: Vec<(String, Format)> = crate::library::BUNDLED
            .iter()
            .map(|(name, src)| {
                let f = crate::article::ingest::detect_format(name.rsplit('.').next(), src);
                (src.to_string(), f)
            })
            .collect();
        cases.push((String::new(), Format::Plain));
        cases.push((
            "# “Great” talks\n\nThe talks were a \"disaster\". Then a breakthrough, wonderful.\n\n## Later\n\nTerrible, awful collapse.".into(),
            Format::Markdown,
        ));
        for (src, format) in cases {
            let a = parse_str(&src, format, "t");
            let mut want = serde_json::to_string_pretty(&tone_json(&a)).unwrap();
            want.push('\n');
            let mut got = Vec::new();
            super::write_json(&a, &mut got).unwrap();
            assert_eq!(String::from_utf8(got).unwrap(), want);
        }
    }
}
