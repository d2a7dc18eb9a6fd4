//! YAML (`---`) and TOML (`+++`) front matter.

use super::model::Meta;

/// Split front matter off the top of `text`. Returns the metadata found (fields left empty when
/// absent), the body, and a warning when the front matter could not be parsed.
pub fn split(text: &str) -> (Meta, &str, Option<String>) {
    let text_nobom = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, toml_style) in [("---", false), ("+++", true)] {
        let Some(rest) = text_nobom.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        // Find the closing fence on its own line.
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence || (!toml_style && line.trim_end() == "...") {
                let head = &rest[..offset];
                let body = &rest[offset + line.len()..];
                return match if toml_style {
                    parse_toml(head)
                } else {
                    parse_yaml(head)
                } {
                    Ok(meta) => (meta, body, None),
                    Err(e) => (
                        Meta::default(),
                        body,
                        Some(format!("front matter ignored: {e}")),
                    ),
                };
            }
            offset += line.len();
        }
    }
    (Meta::default(), text, None)
}

fn parse_yaml(src: &str) -> Result<Meta, String> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(src).map_err(|e| e.to_string())?;
    let mut meta = Meta::default();
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return Ok(meta);
    };
    let scalar = |y: &Yaml| -> Option<String> {
        match y {
            Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
            Yaml::Integer(i) => Some(i.to_string()),
            Yaml::Boolean(b) => Some(b.to_string()),
            _ => None,
        }
    };
    for (k, v) in &map {
        let Some(key) = k.as_str() else { continue };
        match key.to_ascii_lowercase().as_str() {
            "title" => meta.title = scalar(v).unwrap_or_default(),
            "date" => meta.date = scalar(v),
            "source" | "publication" | "publisher" => meta.source = scalar(v),
            "author" | "authors" | "by" => {
                meta.author = match v {
                    Yaml::Array(a) => {
                        Some(a.iter().filter_map(scalar).collect::<Vec<_>>().join(", "))
                    }
                    _ => scalar(v),
                }
            }
            "url" | "link" => meta.url = scalar(v),
            "tags" | "keywords" => {
                meta.tags = match v {
                    Yaml::Array(a) => a.iter().filter_map(scalar).collect(),
                    _ => scalar(v)
                        .map(|s| {
                            s.split(',')
                                .map(|t| t.trim().to_string())
                                .filter(|t| !t.is_empty())
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            }
            _ => {}
        }
    }
    Ok(meta)
}

fn parse_toml(src: &str) -> Result<Meta, String> {
    let table: toml::Table = src
        .parse()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    let scalar = |v: &toml::Value| -> Option<String> {
        match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Datetime(d) => Some(d.to_string()),
            toml::Value::Integer(i) => Some(i.to_string()),
            _ => None,
        }
    };
    let mut meta = Meta::default();
    for (k, v) in &table {
        match k.to_ascii_lowercase().as_str() {
            "title" => meta.title = scalar(v).unwrap_or_default(),
            "date" => meta.date = scalar(v),
            "source" | "publication" | "publisher" => meta.source = scalar(v),
            "author" | "authors" | "by" => {
                meta.author = match v {
                    toml::Value::Array(a) => {
                        Some(a.iter().filter_map(scalar).collect::<Vec<_>>().join(", "))
                    }
                    _ => scalar(v),
                }
            }
            "url" | "link" => meta.url = scalar(v),
            "tags" | "keywords" => {
                if let toml::Value::Array(a) = v {
                    meta.tags = a.iter().filter_map(scalar).collect();
                }
            }
            _ => {}
        }
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let (m, body, w) = split(
            "---\ntitle: Rice and Ships\nauthor: [A. B, C. D]\ndate: 2025-03-01\ntags: [trade, asia]\n---\n# Hi\n",
        );
        assert_eq!(m.title, "Rice and Ships");
        assert_eq!(m.author.as_deref(), Some("A. B, C. D"));
        assert_eq!(m.date.as_deref(), Some("2025-03-01"));
        assert_eq!(m.tags, vec!["trade", "asia"]);
        assert_eq!(body, "# Hi\n");
        assert!(w.is_none());
    }

    #[test]
    fn toml_front_matter() {
        let (m, body, _) =
            split("+++\ntitle = \"Tariffs\"\ndate = 2024-05-06\ntags = [\"a\"]\n+++\nBody");
        assert_eq!(m.title, "Tariffs");
        assert_eq!(m.date.as_deref(), Some("2024-05-06"));
        assert_eq!(body, "Body");
    }

    #[test]
    fn bad_front_matter_warns() {
        let (m, body, w) = split("---\ntitle: [unclosed\n---\nBody");
        assert_eq!(m, Meta::default());
        assert_eq!(body, "Body");
        assert!(w.unwrap().starts_with("front matter ignored"));
    }

    #[test]
    fn no_front_matter() {
        let (_, body, w) = split("Just text\n---\n");
        assert_eq!(body, "Just text\n---\n");
        assert!(w.is_none());
    }
}
