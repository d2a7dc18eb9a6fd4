//! Evaluate Tenor's tone scorers against human sentence ratings, and fit the calibrated model.
//!
//! `cargo run --release --example tone_eval -- [--fit OUT.tsv] FILE...` where each FILE has
//! lines `id<TAB>mean human rating (-4..4)<TAB>sentence`. For each file prints n, the Pearson r
//! between the score and the human mean, and the 3-class weighted F1 (gold class = sign of the
//! human mean, 0 only when exactly 0; predicted positive if score > 0.05, negative if < -0.05,
//! else neutral; per-class F1 weighted by gold support) for VADER alone (`vader`), VADER with the
//! diplomatic vocabulary (`diplomatic`, Tenor's scorer before the calibrated model) and the
//! calibrated model Tenor uses (`tenor`, weights from `assets/lexicon/tone_model.tsv`).
//!
//! For files whose ids are `article_sentence` (the NYT editorials), it also prints the
//! cross-validated figures of the fitting procedure, with folds grouped by article (no article
//! has sentences on both sides): `cv-tenor` (fitted on the other folds of that file only).
//!
//! `--fit OUT.tsv` fits the model on all the given files with the same procedure and writes it
//! (the shipped asset was written this way; see `assets/lexicon/README.md`).

use std::process::ExitCode;

use tenor::analysis::tone::Scorer;
use tenor::analysis::tone::model::{self, Model, NF, fit};

/// Ridge penalty (on standardised features), fixed in advance.
const LAMBDA: f64 = 0.01;
/// Folds of the grouped cross-validation.
const FOLDS: usize = 10;
/// Sample weight, in the fit, of a sentence from a file other than the NYT editorials (tweets,
/// movie and product reviews: a multi-domain fit, so that the model does not lose what VADER
/// does well there).
const GUARD_WEIGHT: f64 = 0.1;

fn pearson(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    sxy / (sxx * syy).sqrt()
}

fn gold_class(h: f64) -> usize {
    if h > 0.0 {
        2
    } else if h < 0.0 {
        0
    } else {
        1
    }
}

fn predicted_class(c: f64) -> usize {
    if c > 0.05 {
        2
    } else if c < -0.05 {
        0
    } else {
        1
    }
}

fn weighted_f1(human: &[f64], scores: &[f64]) -> f64 {
    let mut tp = [0usize; 3];
    let mut npred = [0usize; 3];
    let mut ngold = [0usize; 3];
    for (&h, &s) in human.iter().zip(scores) {
        let (g, p) = (gold_class(h), predicted_class(s));
        ngold[g] += 1;
        npred[p] += 1;
        if g == p {
            tp[g] += 1;
        }
    }
    let total = human.len() as f64;
    (0..3)
        .map(|c| {
            if ngold[c] == 0 || tp[c] == 0 {
                return 0.0;
            }
            let p = tp[c] as f64 / npred[c] as f64;
            let r = tp[c] as f64 / ngold[c] as f64;
            2.0 * p * r / (p + r) * ngold[c] as f64 / total
        })
        .sum()
}

/// One rated sentence.
struct Row {
    /// Article number for grouped folds (`None` when the id has no `_`).
    group: Option<u64>,
    human: f64,
    text: String,
    /// Model features with the diplomatic scorer.
    x: [f64; NF],
    /// Is it from the NYT editorials (the domain the scale is calibrated for)?
    nyt: bool,
    /// Sample weight in a fit.
    weight: f64,
}

fn read(file: &str) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let dip = Scorer::diplomatic();
    let nyt = std::path::Path::new(file)
        .file_name()
        .is_some_and(|n| n.to_string_lossy().contains("nyt"));
    let rows: Vec<Row> = text
        .lines()
        .filter_map(|line| {
            let mut cols = line.splitn(3, '\t');
            let id = cols.next()?;
            let human: f64 = cols.next()?.trim().parse().ok()?;
            let sentence = cols.next()?;
            let group = if nyt {
                id.split_once('_').and_then(|(a, _)| a.parse().ok())
            } else {
                None
            };
            Some(Row {
                group,
                human,
                text: sentence.to_string(),
                x: dip.features(sentence).0,
                nyt,
                weight: if nyt { 1.0 } else { GUARD_WEIGHT },
            })
        })
        .collect();
    Ok(rows)
}

fn predict(m: &Model, r: &Row) -> f64 {
    m.predict(&r.x)
}

/// The fitting procedure: weighted ridge regression of human/4 on the features, then the scale
/// and shift of its output (inside the `tanh`) that maximize weighted F1 on the NYT training
/// sentences (scale 1…2 by 0.25, shift −0.05…0.05 by 0.01).
fn train(rows: &[&Row]) -> Model {
    let fitted: Vec<&&Row> = rows.iter().filter(|r| r.weight > 0.0).collect();
    let xs: Vec<[f64; NF]> = fitted.iter().map(|r| r.x).collect();
    let ys: Vec<f64> = fitted.iter().map(|r| r.human / 4.0).collect();
    let ws: Vec<f64> = fitted.iter().map(|r| r.weight).collect();
    let base = fit::ridge(&xs, &ys, &ws, LAMBDA);
    let nyt: Vec<&&Row> = rows.iter().filter(|r| r.nyt).collect();
    let human: Vec<f64> = nyt.iter().map(|r| r.human).collect();
    let raw: Vec<f64> = nyt.iter().map(|r| base.raw(&r.x)).collect();
    let mut best = (f64::NEG_INFINITY, 1.0, 0.0);
    for k in 4..=8 {
        let s = f64::from(k) * 0.25;
        for j in -5..=5 {
            let shift = f64::from(j) * 0.01;
            let scores: Vec<f64> = raw.iter().map(|x| ((x - shift) * s).tanh()).collect();
            let f1 = weighted_f1(&human, &scores);
            if f1 > best.0 + 1e-12 {
                best = (f1, s, shift);
            }
        }
    }
    let (_, s, shift) = best;
    let mut m = fit::scaled(&base, s);
    m.bias -= shift * s;
    m
}

/// Cross-validation over all the given files at once (as the fit uses them): NYT sentences in
/// K folds grouped by article (articles sorted by number, fold = rank mod K), the others by
/// line number mod K. Returns held-out scores.
fn cross_validate(rows: &[Row]) -> Vec<f64> {
    let mut groups: Vec<u64> = rows.iter().filter_map(|r| r.group).collect();
    groups.sort_unstable();
    groups.dedup();
    let folds: Vec<usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| match r.group {
            Some(g) => groups.binary_search(&g).map_or(0, |k| k % FOLDS),
            None => i % FOLDS,
        })
        .collect();
    let mut out = vec![0.0; rows.len()];
    for f in 0..FOLDS {
        let train_rows: Vec<&Row> = rows
            .iter()
            .zip(&folds)
            .filter(|&(_, &k)| k != f)
            .map(|(r, _)| r)
            .collect();
        let m = train(&train_rows);
        for (i, r) in rows.iter().enumerate() {
            if folds[i] == f {
                out[i] = predict(&m, r);
            }
        }
    }
    out
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut fit_out = None;
    if let Some(i) = args.iter().position(|a| a == "--fit") {
        if i + 1 >= args.len() {
            eprintln!("usage: tone_eval [--fit OUT.tsv] FILE...");
            return ExitCode::FAILURE;
        }
        fit_out = Some(args.remove(i + 1));
        args.remove(i);
    }
    if args.is_empty() {
        eprintln!("usage: tone_eval [--fit OUT.tsv] FILE...");
        return ExitCode::FAILURE;
    }
    let scorers = [
        ("vader", Scorer::vader()),
        ("diplomatic", Scorer::diplomatic()),
        ("tenor", Scorer::tenor()),
    ];
    println!(
        "{:<28} {:>6}  {:>12} {:>7} {:>7}",
        "file", "n", "scorer", "r", "F1"
    );
    let mut all = Vec::new();
    let mut lens = Vec::new();
    for file in &args {
        match read(file) {
            Ok(r) => {
                lens.push(r.len());
                all.extend(r);
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    // Cross-validation needs NYT sentences to calibrate on.
    let cv = all.iter().any(|r| r.nyt).then(|| cross_validate(&all));
    let mut at = 0;
    for (file, len) in args.iter().zip(lens) {
        let end = at + len;
        let rows = &all[at..end];
        let human: Vec<f64> = rows.iter().map(|r| r.human).collect();
        let name = std::path::Path::new(file)
            .file_name()
            .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
        let line = |label: &str, scores: &[f64]| {
            println!(
                "{:<28} {:>6}  {:>12} {:>7.3} {:>7.3}",
                name,
                rows.len(),
                label,
                pearson(scores, &human),
                weighted_f1(&human, scores)
            );
        };
        for (label, scorer) in &scorers {
            let scores: Vec<f64> = rows.iter().map(|r| scorer.compound(&r.text)).collect();
            line(label, &scores);
        }
        if let Some(cv) = &cv {
            line("cv-tenor", &cv[at..end]);
        }
        at = end;
    }
    if let Some(out) = fit_out
        && all.iter().any(|r| r.nyt)
    {
        let refs: Vec<&Row> = all.iter().collect();
        let m = train(&refs);
        let header = format!(
            "Tenor's calibrated tone model (see src/analysis/tone/model.rs).\n\
             Written by `cargo run --release --example tone_eval -- --fit` on {} sentences\n\
             ({} NYT editorial sentences at weight 1, the others at {GUARD_WEIGHT}; ridge lambda\n\
             {LAMBDA}; scale and shift chosen for 3-class F1 on the NYT sentences). Do not edit.",
            all.iter().filter(|r| r.weight > 0.0).count(),
            all.iter().filter(|r| r.nyt).count(),
        );
        if let Err(e) = std::fs::write(&out, m.to_asset(&header)) {
            eprintln!("{out}: {e}");
            return ExitCode::FAILURE;
        }
        eprintln!("wrote {out}");
        for (name, w) in model::FEATURES.iter().zip(&m.weights) {
            eprintln!("  {name:<12} {w:+.4}");
        }
        eprintln!("  {:<12} {:+.4}", "bias", m.bias);
    }
    ExitCode::SUCCESS
}
