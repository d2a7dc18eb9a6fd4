//! Deterministic generated articles of any size, for benchmarks and scale tests: nested
//! sections, paragraphs whose tone drifts, bullet lists with lead-ins, quoted evaluative words,
//! links, emphasis, non-ASCII punctuation and some CJK.

/// Output format of a generated article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenFormat {
    Markdown,
    Plain,
}

const POS: &[&str] = &[
    "productive",
    "fantastic",
    "constructive",
    "cordial",
    "promising",
    "fruitful",
    "warm",
    "encouraging",
    "successful",
    "generous",
    "optimistic",
    "friendly",
];
const NEG: &[&str] = &[
    "spoiled",
    "hostile",
    "tense",
    "bitter",
    "disappointing",
    "reckless",
    "strained",
    "failed",
    "confrontational",
    "unfair",
    "angry",
    "toxic",
];
const NEU: &[&str] = &[
    "tariff",
    "negotiation",
    "delegation",
    "framework",
    "ministry",
    "agreement",
    "sector",
    "quota",
    "summit",
    "treasury",
    "investment",
    "supply chain",
    "exporters",
    "officials",
];
const ACTORS: &[&str] = &[
    "Tokyo",
    "Washington",
    "Seoul",
    "Brussels",
    "Ottawa",
    "Canberra",
    "The ministry",
    "The delegation",
    "Negotiators",
    "Trade officials",
];
const VERBS: &[&str] = &[
    "described",
    "called",
    "framed",
    "saw",
    "treated",
    "welcomed",
    "dismissed",
    "questioned",
];
const MOVES: &[&str] = &["stalled", "advanced", "shifted", "held"];

/// A small deterministic PRNG (xorshift), so generated text is the same everywhere. The seed
/// must not be zero.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next_u64() % xs.len() as u64) as usize]
    }
    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() % 10_000) as f64 / 10_000.0 < p
    }
}

/// Generate an article of at least `bytes` bytes.
pub fn article(format: GenFormat, bytes: usize, seed: u64) -> String {
    let md = format == GenFormat::Markdown;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str(if md {
        "# Generated Trade Brief\n\n"
    } else {
        "Generated Trade Brief\n"
    });
    let mut n = 0usize;
    while out.len() < bytes {
        n += 1;
        // Tone drifts from warm to hostile and back every seven sections.
        let phase = (n % 14) as f64 / 14.0;
        let mood = 0.5 + 0.45 * (phase * std::f64::consts::TAU).cos();
        let level = if n % 4 == 1 { 2 } else { 3 };
        let title = format!(
            "Section {n}: {} and {}",
            capitalize(rng.pick(NEU)),
            rng.pick(NEU)
        );
        if md {
            out.push_str(&"#".repeat(level));
            out.push(' ');
            out.push_str(&title);
            out.push_str("\n\n");
        } else {
            out.push_str(&title);
            out.push('\n');
        }
        for _ in 0..rng.range(2, 5) {
            paragraph(&mut rng, mood, md, &mut out);
            if rng.chance(0.3) {
                bullets(&mut rng, mood, md, &mut out);
            }
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn sentence(rng: &mut Rng, mood: f64, out: &mut String) {
    let word = if rng.chance(mood) {
        rng.pick(POS)
    } else {
        rng.pick(NEG)
    };
    out.push_str(&format!(
        "{} {} the {} talks as “{word}”, while the {} {} over the {} question.",
        rng.pick(ACTORS),
        rng.pick(VERBS),
        rng.pick(NEU),
        rng.pick(NEU),
        rng.pick(MOVES),
        rng.pick(NEU)
    ));
}

fn paragraph(rng: &mut Rng, mood: f64, md: bool, out: &mut String) {
    let count = rng.range(3, 7);
    for i in 0..count {
        if i > 0 {
            out.push(' ');
        }
        let start = out.len();
        sentence(rng, mood, out);
        if md && i == 0 && rng.chance(0.3) {
            let s = out[start..].replacen("talks", "*talks*", 1);
            out.truncate(start);
            out.push_str(&s);
        }
    }
    if md && rng.chance(0.1) {
        out.push_str(" See [the brief](https://example.org/brief) for details.");
    }
    if rng.chance(0.05) {
        out.push_str(" 日米貿易交渉は難航した。");
    }
    out.push_str(if md { "\n\n" } else { "\n" });
}

fn bullets(rng: &mut Rng, mood: f64, md: bool, out: &mut String) {
    let lead = rng.pick(&["demands", "concessions", "risks", "proposals"]);
    out.push_str(&format!("Key {lead} included:\n"));
    if md {
        out.push('\n');
    }
    for _ in 0..rng.range(2, 5) {
        let judged = if rng.chance(mood) {
            rng.pick(POS)
        } else {
            rng.pick(NEG)
        };
        out.push_str(&format!(
            "- {} {} judged {judged}\n",
            capitalize(rng.pick(NEU)),
            rng.pick(&["reform", "access", "review", "limits"])
        ));
    }
    if md {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, parse_str};

    #[test]
    fn generated_articles_have_structure() {
        let md = article(GenFormat::Markdown, 20_000, 1);
        assert!(md.len() >= 20_000);
        assert_eq!(md, article(GenFormat::Markdown, 20_000, 1), "deterministic");
        let a = parse_str(&md, Format::Markdown, "gen");
        assert!(a.sections.len() > 5);
        assert!(a.lists.iter().any(|l| l.lead_in.is_some()));
        let txt = article(GenFormat::Plain, 20_000, 2);
        let p = parse_str(&txt, Format::Plain, "gen");
        assert!(p.sections.len() > 5, "{}", p.sections.len());
        assert!(p.lists.iter().all(|l| l.lead_in.is_some()));
    }
}
