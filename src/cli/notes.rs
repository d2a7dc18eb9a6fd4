//! `tenor notes …` (list, add, export, import annotations) and `tenor text FILE` (the canonical
//! text that annotation offsets count in).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Value, json};

use crate::annotate::export::{self, MdArticle};
use crate::annotate::{
    Anchored, Annotation, Color, Motivation, Reanchorer, Status, Target, fingerprint,
};
use crate::article::text::{sanitize, show_path};
use crate::article::{self, Article};
use crate::store::{self, Store};

/// `tenor notes`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NotesArgs {
    /// The article whose annotations to list (all articles without it).
    pub file: Option<PathBuf>,
    /// Print JSON: {"annotations": [{"id", "article", "quote", "prefix", "suffix", "start",
    /// "end", "status", "note", "tags", "color", "motivation", "created", "modified"}]};
    /// start/end are code-point offsets into the text `tenor text FILE` prints.
    #[arg(long)]
    pub json: bool,
    /// Only annotations with this status: anchored, fuzzy, needs_review or orphaned.
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    #[command(subcommand)]
    pub command: Option<NotesCommand>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Markdown grouped by article and section.
    Md,
    /// A W3C Web Annotation JSON-LD AnnotationCollection.
    Jsonld,
}

#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// Annotate a passage from a script: the first copy of QUOTE in the article's canonical
    /// text (`--at` picks another). Prints the new annotation's id once it is saved.
    Add {
        /// The article.
        file: PathBuf,
        /// The exact text to annotate, as `tenor text FILE` prints it.
        #[arg(long)]
        quote: String,
        /// A note (Markdown).
        #[arg(long)]
        note: Option<String>,
        /// A tag (repeat for more).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// yellow, green, blue, pink or purple.
        #[arg(long, default_value = "yellow")]
        color: String,
        /// The copy of the quote that starts at this code-point offset.
        #[arg(long, value_name = "OFFSET")]
        at: Option<usize>,
        /// highlighting, commenting, bookmarking or tagging (default: commenting with a
        /// note, tagging with tags only, else highlighting).
        #[arg(long)]
        motivation: Option<String>,
    },
    /// Delete an annotation (softly: it is kept as a tombstone).
    Delete {
        /// The annotation's id.
        id: String,
    },
    /// Write annotations as Markdown or W3C Web Annotation JSON-LD.
    Export {
        /// The article (without it, or with --all: every article).
        file: Option<PathBuf>,
        /// Every article.
        #[arg(long, conflicts_with = "file")]
        all: bool,
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
    },
    /// Merge annotations from a JSON-LD file (by id; importing twice changes nothing; all or
    /// nothing). Each is anchored in its article's current text.
    Import {
        /// A JSON-LD file: an AnnotationCollection, an AnnotationPage, or annotations.
        file: PathBuf,
    },
    /// Add COUNT annotations, printing each id after its commit (crash tests).
    #[command(hide = true)]
    Stress {
        file: PathBuf,
        #[arg(long, default_value_t = 100)]
        count: usize,
    },
}

/// The canonical text, as `tenor text` prints it.
pub fn text(a: &Article) -> String {
    let mut s = a.text.clone();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// Run `tenor notes …`.
pub fn run(args: NotesArgs) -> ExitCode {
    let (store, warnings) = Store::open_default();
    for w in &warnings {
        eprintln!("tenor: {}", sanitize(&w.to_string()));
    }
    let out = match args.command {
        None => match args.status.as_deref().map(|s| (s, Status::parse(s))) {
            Some((s, None)) => Err(format!(
                "unknown status {}: anchored, fuzzy, needs_review or orphaned",
                sanitize(s)
            )),
            Some((_, only)) => list(&store, args.file.as_deref(), args.json, only),
            None => list(&store, args.file.as_deref(), args.json, None),
        },
        Some(NotesCommand::Add {
            file,
            quote,
            note,
            tags,
            color,
            at,
            motivation,
        }) => add(
            &store,
            &file,
            &quote,
            note,
            tags,
            &color,
            at,
            motivation.as_deref(),
        ),
        Some(NotesCommand::Delete { id }) => match store.delete(&id) {
            Ok(true) => Ok(format!("deleted {}\n", sanitize(&id))),
            Ok(false) => Err(format!("no annotation {}", sanitize(&id))),
            Err(e) => Err(e.to_string()),
        },
        Some(NotesCommand::Export { file, all, format }) => {
            export_notes(&store, if all { None } else { file.as_deref() }, format)
        }
        Some(NotesCommand::Import { file }) => import(&store, &file),
        Some(NotesCommand::Stress { file, count }) => return stress(&store, &file, count),
    };
    match out {
        Ok(s) => super::emit(&s),
        Err(e) => {
            eprintln!("tenor: {e}");
            ExitCode::FAILURE
        }
    }
}

/// An article read for its notes: the article, its key and its fingerprint.
struct Loaded {
    article: Article,
    key: String,
    fp: String,
    path: PathBuf,
}

fn load(path: &Path) -> Result<Loaded, String> {
    if path == Path::new("-") {
        return Err("annotations need a file (standard input has no place to keep them)".into());
    }
    let a = article::load(path).map_err(|e| e.to_string())?;
    let fp = fingerprint(&a.text);
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Ok(Loaded {
        key: store::path_key(&path),
        article: a,
        fp,
        path,
    })
}

/// The file behind a key (`file:/abs/path`).
fn key_path(key: &str) -> Option<PathBuf> {
    key.strip_prefix("file:").map(PathBuf::from)
}

/// One article's annotations, anchored in its current text when the file can be read, in
/// reading order (those not placed last).
struct ArticleNotes {
    key: String,
    loaded: Option<Loaded>,
    notes: Vec<(Annotation, Option<Anchored>)>,
}

fn gather(store: &Store, file: Option<&Path>) -> Result<Vec<ArticleNotes>, String> {
    let mut out = Vec::new();
    let err = |e: store::StoreError| e.to_string();
    match file {
        Some(f) => {
            let l = load(f)?;
            let Some(id) = store.find_article(&l.key, Some(&l.fp)).map_err(err)? else {
                return Ok(out);
            };
            // Found by its text under a new name (renamed, moved): record the name, so the
            // notes stay attached when the text changes later.
            if store.read_only().is_none() {
                store.article_id(&l.key, Some(&l.fp)).map_err(err)?;
            }
            let notes = anchored(store, &id, &l)?;
            out.push(ArticleNotes {
                key: l.key.clone(),
                loaded: Some(l),
                notes,
            });
        }
        None => {
            for (id, keys) in store.articles().map_err(err)? {
                let key = keys.first().cloned().unwrap_or_default();
                let loaded = key_path(&key).and_then(|p| load(&p).ok());
                let notes = match &loaded {
                    Some(l) => anchored(store, &id, l)?,
                    None => store
                        .annotations(&id)
                        .map_err(err)?
                        .into_iter()
                        .map(|a| (a, None))
                        .collect(),
                };
                if !notes.is_empty() {
                    out.push(ArticleNotes { key, loaded, notes });
                }
            }
        }
    }
    Ok(out)
}

fn anchored(
    store: &Store,
    id: &str,
    l: &Loaded,
) -> Result<Vec<(Annotation, Option<Anchored>)>, String> {
    let mut v: Vec<(Annotation, Option<Anchored>)> = store
        .anchor_article(id, &l.article.text)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|(a, at)| (a, Some(at)))
        .collect();
    v.sort_by_key(|(a, at)| {
        let placed = at.as_ref().and_then(|x| x.range.clone());
        (placed.is_none(), placed.map_or(a.target.start, |r| r.start))
    });
    Ok(v)
}

/// How an article is named in output: its path for a file, else its key.
fn shown_key(key: &str) -> String {
    sanitize(key.strip_prefix("file:").unwrap_or(key)).into_owned()
}

fn list(
    store: &Store,
    file: Option<&Path>,
    json: bool,
    only: Option<Status>,
) -> Result<String, String> {
    let mut groups = gather(store, file)?;
    if let Some(st) = only {
        for g in &mut groups {
            g.notes.retain(|(a, _)| a.target.status == st);
        }
        groups.retain(|g| !g.notes.is_empty());
    }
    if json {
        let items: Vec<Value> = groups
            .iter()
            .flat_map(|g| {
                g.notes
                    .iter()
                    .map(move |(a, _)| note_json(a, &shown_key(&g.key)))
            })
            .collect();
        let mut s =
            serde_json::to_string_pretty(&json!({"annotations": items})).unwrap_or_default();
        s.push('\n');
        return Ok(s);
    }
    let mut out = String::new();
    if groups.is_empty() {
        out.push_str("no annotations\n");
    }
    for g in &groups {
        let _ = writeln!(out, "{}", shown_key(&g.key));
        for (a, at) in &g.notes {
            let t = &a.target;
            let mut line = format!("  {} {}–{} [{}]", short_id(&a.id), t.start, t.end, t.status);
            if a.color != Color::default() {
                let _ = write!(line, " {}", a.color);
            }
            for tag in &a.tags {
                let _ = write!(line, " #{}", sanitize(tag));
            }
            let _ = writeln!(out, "{line}");
            let _ = writeln!(out, "    “{}”", sanitize(&one_line(&t.quote, 120)));
            // A passage that may be it now, for a person to check in the reader (zg / zw).
            if let (Some(c), Some(l)) = (
                at.as_ref().and_then(|x| x.candidate.clone()),
                g.loaded.as_ref(),
            ) && let Some(q) = l.article.text.get(c)
            {
                let _ = writeln!(out, "    maybe now: “{}”", sanitize(&one_line(q, 120)));
            }
            for l in a.note.lines() {
                let _ = writeln!(out, "    {}", sanitize(l));
            }
        }
    }
    Ok(out)
}

fn short_id(id: &str) -> &str {
    id.get(..13).unwrap_or(id)
}

/// At most `max` chars on one line.
fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    if flat.chars().count() <= max {
        return flat;
    }
    flat.chars().take(max - 1).chain(['…']).collect()
}

fn note_json(a: &Annotation, article: &str) -> Value {
    let t = &a.target;
    json!({
        "id": a.id,
        "article": article,
        "quote": t.quote,
        "prefix": t.prefix,
        "suffix": t.suffix,
        "start": t.start,
        "end": t.end,
        "status": t.status.as_str(),
        "note": a.note,
        "tags": a.tags,
        "color": a.color.as_str(),
        "motivation": a.motivation.as_str(),
        "created": a.created,
        "modified": a.modified,
    })
}

#[allow(clippy::too_many_arguments)]
fn add(
    store: &Store,
    file: &Path,
    quote: &str,
    note: Option<String>,
    tags: Vec<String>,
    color: &str,
    at: Option<usize>,
    motivation: Option<&str>,
) -> Result<String, String> {
    let color = Color::parse(color).ok_or_else(|| {
        format!(
            "unknown colour {:?}: yellow, green, blue, pink or purple",
            sanitize(color)
        )
    })?;
    let l = load(file)?;
    let text = &l.article.text;
    let quote = crate::article::text::canonical(quote).into_owned();
    if quote.is_empty() {
        return Err("--quote is empty".into());
    }
    let r = Reanchorer::with_fingerprint(text, l.fp.clone(), None);
    let start = match at {
        Some(ch) => {
            let b = r.offsets().byte_of(text, ch);
            if !text[b..].starts_with(&quote) {
                return Err(format!("the text at offset {ch} is not the quote"));
            }
            b
        }
        None => text.find(&quote).ok_or_else(|| {
            format!(
                "the quote is not in {} (see `tenor text {}` for its canonical text)",
                show_path(file),
                show_path(file)
            )
        })?,
    };
    let motivation = match motivation {
        Some(m) => Motivation::parse(m).ok_or_else(|| {
            format!(
                "unknown motivation {:?}: highlighting, commenting, bookmarking or tagging",
                sanitize(m)
            )
        })?,
        None if note.as_deref().is_some_and(|n| !n.is_empty()) => Motivation::Commenting,
        None if !tags.is_empty() => Motivation::Tagging,
        None => Motivation::Highlighting,
    };
    let article = store
        .article_id(&l.key, Some(&l.fp))
        .map_err(|e| e.to_string())?;
    let mut a = Annotation::new(&article, r.target(start..start + quote.len()), motivation);
    a.note = sanitize(&note.unwrap_or_default()).into_owned();
    a.tags = tags
        .iter()
        .map(|t| sanitize(t.trim().trim_start_matches('#')).replace('\n', " "))
        .filter(|t| !t.is_empty())
        .collect();
    a.color = color;
    store.save(&a).map_err(|e| e.to_string())?;
    store
        .remember_text(&article, text, &l.fp)
        .map_err(|e| e.to_string())?;
    Ok(format!("{}\n", a.id))
}

fn export_notes(
    store: &Store,
    file: Option<&Path>,
    format: ExportFormat,
) -> Result<String, String> {
    let groups = gather(store, file)?;
    match format {
        ExportFormat::Jsonld => {
            let items: Vec<(Annotation, String)> = groups
                .iter()
                .flat_map(|g| {
                    let url = match key_path(&g.key) {
                        Some(p) => export::file_url(&p),
                        None => format!("urn:tenor:{}", g.key),
                    };
                    g.notes.iter().map(move |(a, _)| (a.clone(), url.clone()))
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&export::collection_jsonld(&items))
                .unwrap_or_default();
            s.push('\n');
            Ok(s)
        }
        ExportFormat::Md => {
            let arts: Vec<MdArticle<'_>> = groups.iter().map(md_article).collect();
            Ok(sanitize(&export::to_markdown(&arts)).into_owned())
        }
    }
}

fn md_article(g: &ArticleNotes) -> MdArticle<'_> {
    let mut sections: Vec<(String, Vec<&Annotation>)> = Vec::new();
    let mut unplaced = Vec::new();
    for (a, at) in &g.notes {
        let range = at.as_ref().and_then(|x| x.range.clone());
        let title = match (&g.loaded, range) {
            (Some(l), Some(r)) => {
                let art = &l.article;
                art.block_at(r.start)
                    .and_then(|b| art.sections.get(art.blocks[b].section))
                    .map_or_else(
                        || "(lede)".to_string(),
                        |s| s.title.clone().unwrap_or_else(|| "(lede)".into()),
                    )
            }
            (None, _) if a.target.status != Status::Orphaned => "(article not read)".into(),
            _ => {
                unplaced.push(a);
                continue;
            }
        };
        match sections.last_mut() {
            Some((t, v)) if *t == title => v.push(a),
            _ => sections.push((title, vec![a])),
        }
    }
    if !unplaced.is_empty() {
        sections.push(("Not placed after the article changed".into(), unplaced));
    }
    MdArticle {
        title: g
            .loaded
            .as_ref()
            .map_or_else(|| shown_key(&g.key), |l| l.article.meta.title.clone()),
        path: g
            .loaded
            .as_ref()
            .map_or_else(|| shown_key(&g.key), |l| l.path.display().to_string()),
        sections,
    }
}

fn import(store: &Store, file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", show_path(file)))?;
    let v: Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not JSON: {e}", show_path(file)))?;
    let list = export::from_jsonld(&v).map_err(|e| format!("{}: {e}", show_path(file)))?;
    // Anchor each in its article's current text; articles are read once.
    let mut cache: std::collections::HashMap<String, Option<Loaded>> = Default::default();
    let mut items = Vec::with_capacity(list.len());
    let mut counts = std::collections::BTreeMap::<Status, usize>::new();
    for imp in list {
        let mut a = imp.annotation;
        let src = imp.source.unwrap_or_default();
        let path = export::path_of_url(&src);
        let key = match &path {
            Some(p) => store::path_key(p),
            None => src.strip_prefix("urn:tenor:").unwrap_or(&src).to_string(),
        };
        let loaded = cache
            .entry(key.clone())
            .or_insert_with(|| path.as_deref().and_then(|p| load(p).ok()));
        let fp = match loaded {
            Some(l) => {
                let old = store
                    .find_article(&l.key, Some(&l.fp))
                    .ok()
                    .flatten()
                    .and_then(|id| store.text(&id, &a.target.fingerprint).ok().flatten());
                let r = Reanchorer::with_fingerprint(&l.article.text, l.fp.clone(), old.as_deref());
                let at = r.anchor(&a.target);
                a.target = r.retarget(&a.target, &at);
                if a.original.fingerprint.is_empty() && a.original.quote == a.target.quote {
                    a.original = Target {
                        status: a.original.status,
                        ..a.target.clone()
                    };
                }
                Some(l.fp.clone())
            }
            None => None,
        };
        *counts.entry(a.target.status).or_default() += 1;
        items.push((key, fp, a));
    }
    let m = store.import(&items).map_err(|e| e.to_string())?;
    let statuses: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {s}")).collect();
    Ok(format!(
        "imported {} annotations: {} added, {} updated, {} unchanged, {} kept (newer here); {}\n",
        items.len(),
        m.added,
        m.updated,
        m.unchanged,
        m.kept_newer,
        if statuses.is_empty() {
            "none".into()
        } else {
            statuses.join(", ")
        }
    ))
}

fn stress(store: &Store, file: &Path, count: usize) -> ExitCode {
    use std::io::Write;
    let l = match load(file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("tenor: {e}");
            return ExitCode::FAILURE;
        }
    };
    let article = match store.article_id(&l.key, Some(&l.fp)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("tenor: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = &l.article.text;
    let end = crate::annotate::floor_char(text, 40);
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let mut a = Annotation::new(&article, Target::of(text, 0..end), Motivation::Commenting);
        a.note = format!("stress {i}");
        if let Err(e) = store.save(&a) {
            eprintln!("tenor: {e}");
            return ExitCode::FAILURE;
        }
        // Acknowledged: committed before it is printed.
        if writeln!(out, "{}", a.id).and_then(|_| out.flush()).is_err() {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
