//! A page's metadata: title without the site's suffix, site name, byline, published date,
//! canonical URL, language and keywords. `dom_smoothie` reads `<meta>` tags and JSON-LD as
//! Readability does; `<time>`, `<link rel=canonical>` and the title's suffix are read here.

use dom_query::Document;
use dom_smoothie::Readability;

use super::super::model::Meta;
use super::collapse_ws;

/// Fill `meta` from the page and return its title (the article's, without the site's name).
pub(super) fn read(r: &Readability, meta: &mut Meta) -> Option<String> {
    let doc = &r.doc;
    // Head lookups search the head only: a page's body may be megabytes of nodes.
    let head = doc
        .head()
        .map(dom_query::Selection::from)
        .unwrap_or_else(|| doc.select("head"));
    let lang = doc
        .html_root()
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let md = r.get_article_metadata(r.parse_json_ld());
    let clean = |s: Option<String>| {
        s.map(|v| collapse_ws(&v).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let site_name = clean(md.site_name);
    meta.site_name = site_name.clone();
    if site_name.is_some() {
        meta.source = site_name.clone();
    }
    let named = |names: &[&str]| {
        names.iter().find_map(|n| {
            clean(
                head.select(&format!("meta[name='{n}' i][content]"))
                    .attr("content")
                    .map(|c| c.to_string()),
            )
        })
    };
    if let Some(b) = clean(md.byline).or_else(|| named(&["author", "byl", "dc.creator"])) {
        meta.author = Some(b.strip_prefix("By ").map(str::to_string).unwrap_or(b));
    }
    meta.date = clean(md.published_time)
        .or_else(|| {
            named(&[
                "date",
                "pubdate",
                "dc.date",
                "publish-date",
                "parsely-pub-date",
            ])
        })
        .or_else(|| time_element(doc));
    meta.language = lang.or(clean(md.lang));
    meta.canonical_url = head
        .select("link[rel~=canonical][href]")
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    meta.url = meta.canonical_url.clone().or_else(|| {
        clean(
            head.select("meta[property='og:url'][content]")
                .attr("content")
                .map(|c| c.to_string()),
        )
    });
    if let Some(k) = head
        .select("meta[name=keywords][content], meta[name=news_keywords][content]")
        .attr("content")
    {
        meta.tags = k
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
    }
    let raw_title = head
        .select("title")
        .nodes()
        .first()
        .map(|t| collapse_ws(&t.text()).trim().to_string());
    let title = clean(Some(md.title)).or(raw_title)?;
    Some(strip_site(&title, meta.site_name.as_deref()))
}

/// The first `<time>` that says when the page was published: its `datetime`, else its text.
fn time_element(doc: &Document) -> Option<String> {
    let times = doc.select("time");
    let nodes = times.nodes();
    let pick = nodes
        .iter()
        .find(|t| {
            t.has_attr("pubdate") || t.attr("itemprop").is_some_and(|v| &*v == "datePublished")
        })
        .or(nodes.first())?;
    let v = pick
        .attr("datetime")
        .map(|d| d.to_string())
        .unwrap_or_else(|| pick.text().to_string());
    let v = collapse_ws(&v).trim().to_string();
    (!v.is_empty()).then_some(v)
}

/// Separators between an article's title and the site's name.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " / ", " » "];

/// The title without the site's name: a known site name after (or before) a separator, else
/// the last part after ` | ` or ` — ` when what is left is at least three words.
fn strip_site(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        for sep in SEPARATORS {
            if let Some(t) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep)) {
                return t.trim().to_string();
            }
            if let Some(t) = title.strip_prefix(site).and_then(|t| t.strip_prefix(sep)) {
                return t.trim().to_string();
            }
        }
    }
    for sep in [" | ", " — ", " – ", " - "] {
        if let Some(k) = title.rfind(sep) {
            let head = title[..k].trim();
            let tail = title[k + sep.len()..].trim();
            if head.split_whitespace().count() >= 3 && tail.split_whitespace().count() <= 4 {
                return head.to_string();
            }
        }
    }
    title.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::strip_site;

    #[test]
    fn site_suffixes_go() {
        assert_eq!(
            strip_site(
                "Port talks stall again | The Daily Ledger",
                Some("The Daily Ledger")
            ),
            "Port talks stall again"
        );
        assert_eq!(
            strip_site("Port talks stall again - Ledger", None),
            "Port talks stall again"
        );
        assert_eq!(strip_site("Pros - cons", None), "Pros - cons");
        assert_eq!(strip_site("Ledger: Talks", Some("Ledger")), "Ledger: Talks");
    }
}
