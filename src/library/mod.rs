//! The article library: the bundled samples (embedded in the binary), and the reading state
//! kept for every article read ([`state`], stored by [`store`]).

pub mod fetch;

/// The bundled sample articles: (file name, contents), embedded so an installed `tenor` has them
/// in any directory.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "customs-union-explainer.html",
        include_str!("../../assets/articles/customs-union-explainer.html"),
    ),
    (
        "semiconductor-export-controls.md",
        include_str!("../../assets/articles/semiconductor-export-controls.md"),
    ),
    (
        "fisheries-accord.txt",
        include_str!("../../assets/articles/fisheries-accord.txt"),
    ),
    (
        "port-logistics-memo.txt",
        include_str!("../../assets/articles/port-logistics-memo.txt"),
    ),
    (
        "rice-tariff-talks-ja.txt",
        include_str!("../../assets/articles/rice-tariff-talks-ja.txt"),
    ),
    (
        "weekly-trade-briefing.txt",
        include_str!("../../assets/articles/weekly-trade-briefing.txt"),
    ),
];

/// Minutes a reader needs for `text`: about 230 words a minute, and about 500 characters a
/// minute for CJK text, which has no spaces between words. At least one minute for any text,
/// none for text without words.
pub fn reading_minutes(text: &str) -> usize {
    let cjk = text
        .chars()
        .filter(|&c| crate::article::text::is_cjk(c))
        .count();
    let words = text
        .split_whitespace()
        .filter(|w| !w.chars().all(crate::article::text::is_cjk))
        .count();
    if words == 0 && cjk == 0 {
        return 0;
    }
    (words as f64 / 230.0 + cjk as f64 / 500.0).ceil().max(1.0) as usize
}

/// A library entry's line under its title: format, sections, reading time, date; an article
/// with no words says `empty` instead of counting its (one, empty) section.
pub fn detail(a: &crate::article::Article) -> String {
    let minutes = reading_minutes(&a.text);
    let mut d = if minutes == 0 {
        format!("{:?} · empty", a.format)
    } else {
        format!(
            "{:?} · {} · {minutes} min read",
            a.format,
            crate::plural::plural(a.sections.len(), "section", "sections"),
        )
    };
    if let Some(date) = &a.meta.date {
        d.push_str(&format!(" · {date}"));
    }
    d
}

/// A library entry's detail line with the file's size, when known: `Markdown · 2 sections ·
/// 1 min read · 4.2 KB`.
pub fn entry_detail(a: &crate::article::Article, size: Option<u64>) -> String {
    match size {
        Some(n) => format!("{} · {}", detail(a), crate::article::text::human_size(n)),
        None => detail(a),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn detail_counts_sections_in_words() {
        use crate::article::{Format, parse_str};
        let one = parse_str("Just one paragraph.", Format::Markdown, "one");
        assert_eq!(super::detail(&one), "Markdown · 1 section · 1 min read");
        let two = parse_str("Lede.\n\n# Next\n\nMore.", Format::Markdown, "two");
        assert_eq!(super::detail(&two), "Markdown · 2 sections · 1 min read");
    }

    #[test]
    fn reading_time_counts_cjk_by_characters() {
        assert_eq!(super::reading_minutes("word ".repeat(460).as_str()), 2);
        assert_eq!(super::reading_minutes(&"日本語".repeat(500)), 3);
        assert_eq!(super::reading_minutes("a few words"), 1);
        assert_eq!(super::reading_minutes(""), 0);
        assert_eq!(super::reading_minutes(" \n\n "), 0);
    }

    #[test]
    fn an_empty_article_says_so() {
        use crate::article::{Format, parse_str};
        for text in ["", "\n\n  \n"] {
            let a = parse_str(text, Format::Plain, "empty");
            assert_eq!(super::detail(&a), "Plain · empty");
        }
        let front_only = parse_str("---\ndate: 2026-11-28\n---\n", Format::Markdown, "e");
        assert_eq!(super::detail(&front_only), "Markdown · empty · 2026-11-28");
    }

    #[test]
    fn every_bundled_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = super::BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn sizes_for_people() {
        use crate::article::text::human_size;
        assert_eq!(human_size(96), "96 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1000), "1.0 KB");
        assert_eq!(human_size(4_200), "4.2 KB");
        assert_eq!(human_size(12_345), "12 KB");
        assert_eq!(human_size(999_499), "999 KB");
        assert_eq!(human_size(999_600), "1.0 MB");
        assert_eq!(human_size(10_000_115), "10 MB");
        assert_eq!(human_size(u64::MAX), "18446744 TB");
    }
}
