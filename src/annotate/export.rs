//! Export and import of annotations: Markdown for people, and W3C Web Annotation JSON-LD (an
//! `AnnotationCollection`; each target with a `TextQuoteSelector` and a `TextPositionSelector`)
//! for other tools. Tenor's own fields (colour, status, fingerprint, the original target, the
//! article id) ride along under the `tenor:` prefix so an export imports back identically.
//! Pure: the caller reads and writes files.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::{Annotation, Color, Motivation, Status, Target, new_id, now_utc};
use crate::article::text::sanitize;

const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const TENOR_NS: &str = "urn:tenor:";

/// A `file://` URL of an absolute path, with the characters URLs do not allow escaped.
pub fn file_url(path: &Path) -> String {
    let s = path.to_string_lossy();
    let kept = crate::article::links::percent_encode(&s, |b| {
        b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b)
    });
    format!("file://{kept}")
}

/// The path of a `file://` URL (`None` for other URLs).
pub fn path_of_url(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("file://")?;
    // `file://host/path`: only the empty host and localhost are this machine.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let out = crate::article::links::percent_decode(rest);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(out)))
    }
    #[cfg(not(unix))]
    {
        Some(PathBuf::from(String::from_utf8_lossy(&out).into_owned()))
    }
}

fn selectors(t: &Target) -> Value {
    json!([
        {"type": "TextQuoteSelector", "exact": t.quote, "prefix": t.prefix, "suffix": t.suffix},
        {"type": "TextPositionSelector", "start": t.start, "end": t.end},
    ])
}

/// One annotation as a Web Annotation; `source` is the article's URL.
pub fn annotation_jsonld(a: &Annotation, source: &str) -> Value {
    let mut body = Vec::new();
    if !a.note.is_empty() {
        body.push(
            json!({"type": "TextualBody", "value": a.note, "format": "text/markdown",
            "purpose": "commenting"}),
        );
    }
    for t in &a.tags {
        body.push(json!({"type": "TextualBody", "value": t, "purpose": "tagging"}));
    }
    let mut v = json!({
        "id": format!("urn:uuid:{}", a.id),
        "type": "Annotation",
        "motivation": a.motivation.as_str(),
        "created": a.created,
        "modified": a.modified,
        "body": body,
        "target": {"source": source, "selector": selectors(&a.target)},
        "tenor:article": a.article,
        "tenor:color": a.color.as_str(),
        "tenor:status": a.target.status.as_str(),
        "tenor:fingerprint": a.target.fingerprint,
        "tenor:original": {
            "selector": selectors(&a.original),
            "tenor:fingerprint": a.original.fingerprint,
            "tenor:status": a.original.status.as_str(),
        },
    });
    if let (Some(d), Some(m)) = (&a.deleted, v.as_object_mut()) {
        m.insert("tenor:deleted".into(), json!(d));
    }
    v
}

/// An `AnnotationCollection` of `(annotation, source URL)` pairs, in one page.
pub fn collection_jsonld(items: &[(Annotation, String)]) -> Value {
    json!({
        "@context": [ANNO_CONTEXT, {"tenor": TENOR_NS}],
        "type": "AnnotationCollection",
        "label": "Tenor annotations",
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "items": items.iter().map(|(a, s)| annotation_jsonld(a, s)).collect::<Vec<_>>(),
        },
    })
}

/// An annotation read from JSON-LD, and the URL of the article it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// `article` is the exporting Tenor's article id, or empty (another tool).
    pub annotation: Annotation,
    pub source: Option<String>,
}

/// The annotations of a JSON-LD document: a collection, a page, one annotation, or an array of
/// them. Fields Tenor does not know are ignored; a target needs at least a quote or a position.
pub fn from_jsonld(v: &Value) -> Result<Vec<Imported>, String> {
    let mut out = Vec::new();
    collect(v, &mut out, 0)?;
    Ok(out)
}

fn collect(v: &Value, out: &mut Vec<Imported>, depth: usize) -> Result<(), String> {
    if depth > 8 {
        return Err("annotations nested too deep".into());
    }
    match v {
        Value::Array(a) => {
            for x in a {
                collect(x, out, depth + 1)?;
            }
            Ok(())
        }
        Value::Object(m) => {
            let ty = types(m.get("type"));
            if ty.iter().any(|t| t == "Annotation") {
                out.push(one(m).map_err(|e| format!("annotation {}: {e}", id_of(m)))?);
                Ok(())
            } else if let Some(items) = m.get("items") {
                collect(items, out, depth + 1)?;
                match m.get("next") {
                    Some(n @ Value::Object(_)) => collect(n, out, depth + 1),
                    _ => Ok(()),
                }
            } else if let Some(first) = m.get("first") {
                collect(first, out, depth + 1)
            } else {
                Err("neither an annotation nor a collection".into())
            }
        }
        _ => Err("not a JSON-LD object".into()),
    }
}

fn types(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    }
}

fn id_of(m: &Map<String, Value>) -> String {
    m.get("id")
        .and_then(Value::as_str)
        .map_or_else(|| "(no id)".into(), |s| sanitize(s).into_owned())
}

fn text(m: &Map<String, Value>, k: &str) -> Option<String> {
    m.get(k)
        .and_then(Value::as_str)
        .map(|s| sanitize(s).into_owned())
}

fn target_of(m: &Map<String, Value>) -> Result<Target, String> {
    let mut t = Target::default();
    let mut found = false;
    let sels: Vec<&Value> = match m.get("selector") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => vec![],
    };
    for s in sels {
        let Some(s) = s.as_object() else { continue };
        let ty = types(s.get("type"));
        if ty.iter().any(|x| x == "TextQuoteSelector") {
            t.quote = text(s, "exact").unwrap_or_default();
            t.prefix = text(s, "prefix").unwrap_or_default();
            t.suffix = text(s, "suffix").unwrap_or_default();
            found = true;
        } else if ty.iter().any(|x| x == "TextPositionSelector") {
            let n = |k| s.get(k).and_then(Value::as_u64).map(|x| x as usize);
            if let (Some(a), Some(b)) = (n("start"), n("end")) {
                t.start = a;
                t.end = b.max(a);
                found = true;
            }
        }
    }
    if !found {
        return Err("no TextQuoteSelector or TextPositionSelector".into());
    }
    t.fingerprint = text(m, "tenor:fingerprint").unwrap_or_default();
    t.status = text(m, "tenor:status")
        .and_then(|s| Status::parse(&s))
        .unwrap_or(Status::NeedsReview);
    Ok(t)
}

fn one(m: &Map<String, Value>) -> Result<Imported, String> {
    let id = match m.get("id").and_then(Value::as_str) {
        Some(s) => {
            let s = s.strip_prefix("urn:uuid:").unwrap_or(s);
            sanitize(s).into_owned()
        }
        None => new_id(),
    };
    let (target_v, source) = match m.get("target") {
        Some(Value::Object(t)) => (t.clone(), text(t, "source")),
        Some(Value::Array(a)) => match a.first() {
            Some(Value::Object(t)) => (t.clone(), text(t, "source")),
            _ => return Err("target is not an object".into()),
        },
        Some(Value::String(s)) => (Map::new(), Some(sanitize(s).into_owned())),
        _ => return Err("no target".into()),
    };
    let mut target = target_of(&target_v)?;
    if let Some(fp) = text(m, "tenor:fingerprint") {
        target.fingerprint = fp;
    }
    if let Some(s) = text(m, "tenor:status").and_then(|s| Status::parse(&s)) {
        target.status = s;
    }
    let original = match m.get("tenor:original").and_then(Value::as_object) {
        Some(o) => target_of(o).unwrap_or_else(|_| target.clone()),
        None => target.clone(),
    };
    let mut note = String::new();
    let mut tags = Vec::new();
    let bodies: Vec<&Value> = match m.get("body") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => vec![],
    };
    for b in bodies {
        match b {
            Value::String(s) => note.push_str(&sanitize(s)),
            Value::Object(o) => {
                let value = text(o, "value").unwrap_or_default();
                if text(o, "purpose").as_deref() == Some("tagging") {
                    tags.push(value);
                } else {
                    if !note.is_empty() {
                        note.push_str("\n\n");
                    }
                    note.push_str(&value);
                }
            }
            _ => {}
        }
    }
    let motivation = match m.get("motivation") {
        Some(Value::Array(a)) => a
            .first()
            .and_then(Value::as_str)
            .and_then(Motivation::parse),
        Some(Value::String(s)) => Motivation::parse(s),
        _ => None,
    }
    .unwrap_or(if note.is_empty() {
        Motivation::Highlighting
    } else {
        Motivation::Commenting
    });
    let now = now_utc();
    let created = text(m, "created").unwrap_or_else(|| now.clone());
    Ok(Imported {
        annotation: Annotation {
            id,
            article: text(m, "tenor:article").unwrap_or_default(),
            modified: text(m, "modified").unwrap_or_else(|| created.clone()),
            created,
            motivation,
            note,
            color: text(m, "tenor:color")
                .and_then(|c| Color::parse(&c))
                .unwrap_or_default(),
            tags,
            target,
            original,
            deleted: text(m, "tenor:deleted"),
        },
        source,
    })
}

/// One article's part of a Markdown export.
pub struct MdArticle<'a> {
    pub title: String,
    /// The path shown and linked to.
    pub path: String,
    /// (section title, annotations in reading order); not placed ones last under their own
    /// heading.
    pub sections: Vec<(String, Vec<&'a Annotation>)>,
}

/// Markdown: one heading per article, one per section, each annotation a block quote with its
/// note, tags and a link back as `path#char=start,end`.
pub fn to_markdown(articles: &[MdArticle<'_>]) -> String {
    let mut out = String::from("# Notes\n");
    for art in articles {
        let _ = write!(out, "\n## {}\n\n`{}`\n", one_line(&art.title), art.path);
        for (section, list) in &art.sections {
            let _ = write!(out, "\n### {}\n", one_line(section));
            for a in list {
                out.push('\n');
                for line in a.target.quote.lines() {
                    let _ = writeln!(out, "> {line}");
                }
                write_note(&mut out, &a.note);
                let mut meta: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
                if a.target.status != Status::Anchored {
                    meta.push(format!("({})", a.target.status));
                }
                let link = format!("{}#char={},{}", art.path, a.target.start, a.target.end);
                meta.push(format!("[{link}](<{link}>)"));
                let _ = write!(out, "\n{}\n", meta.join(" · "));
            }
        }
    }
    out
}

/// A note after its quote: one line as a paragraph; several (Markdown of their own, whose
/// headings or lists must not break the export's outline) as a block quote after "Note:".
fn write_note(out: &mut String, note: &str) {
    let note = note.trim_end();
    if note.is_empty() {
        return;
    }
    if !note.contains('\n') {
        let _ = write!(out, "\n{note}\n");
        return;
    }
    out.push_str("\nNote:\n\n");
    for line in note.lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            let _ = writeln!(out, "> {line}");
        }
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_round_trip() {
        let p = Path::new("/tmp/a dir/é%#.md");
        let u = file_url(p);
        assert_eq!(u, "file:///tmp/a%20dir/%C3%A9%25%23.md");
        assert_eq!(path_of_url(&u).unwrap(), p);
        assert_eq!(path_of_url("https://x/y"), None);
        assert_eq!(path_of_url("file://localhost/a").unwrap(), Path::new("/a"));
        assert_eq!(path_of_url("file:///a%2").unwrap(), Path::new("/a%2"));
    }

    #[test]
    fn json_ld_round_trips() {
        let text = "Some text to annotate here, with a quote in it.";
        let mut a = Annotation::new("art-1", Target::of(text, 10..30), Motivation::Commenting);
        a.note = "Why *this*?".into();
        a.tags = vec!["t1".into(), "t2".into()];
        a.color = Color::Blue;
        let v = collection_jsonld(&[(a.clone(), file_url(Path::new("/x.md")))]);
        let back = from_jsonld(&v).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].annotation, a);
        assert_eq!(back[0].source.as_deref(), Some("file:///x.md"));
    }

    #[test]
    fn a_multi_line_note_is_a_block_quote_in_markdown() {
        let text = "Some text to annotate here.";
        let mut a = Annotation::new("art-1", Target::of(text, 0..9), Motivation::Commenting);
        a.note = "First point.\n\n## Not a heading of the export\n- a list".into();
        let md = to_markdown(&[MdArticle {
            title: "T".into(),
            path: "/t.md".into(),
            sections: vec![("S".into(), vec![&a])],
        }]);
        assert!(
            md.contains(
                "> Some text\n\nNote:\n\n> First point.\n>\n\
                 > ## Not a heading of the export\n> - a list\n\n"
            ),
            "{md}"
        );
        assert!(!md.lines().any(|l| l.starts_with("## Not")), "{md}");
        a.note = "One line.".into();
        let md = to_markdown(&[MdArticle {
            title: "T".into(),
            path: "/t.md".into(),
            sections: vec![("S".into(), vec![&a])],
        }]);
        assert!(md.contains("> Some text\n\nOne line.\n"), "{md}");
    }

    #[test]
    fn a_quote_only_annotation_from_another_tool_reads() {
        let v: Value = serde_json::from_str(
            r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
                "body": "plain note", "target": {"source": "file:///a.md",
                "selector": {"type": "TextQuoteSelector", "exact": "quote\u001b"}}}"#,
        )
        .unwrap();
        let got = from_jsonld(&v).unwrap();
        let a = &got[0].annotation;
        assert_eq!(a.target.quote, "quote␛");
        assert_eq!(a.note, "plain note");
        assert_eq!(a.motivation, Motivation::Commenting);
        assert!(a.target.fingerprint.is_empty());
        assert!(from_jsonld(&json!({"type": "Annotation", "target": {}})).is_err());
        assert!(from_jsonld(&json!(3)).is_err());
    }
}
