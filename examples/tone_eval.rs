//! Evaluate Tenor's tone scorers against human sentence ratings.
//!
//! `cargo run --release --example tone_eval -- FILE...` where each FILE has lines
//! `id<TAB>mean human rating (-4..4)<TAB>sentence`. For each file prints n, the Pearson r between
//! the compound score and the human mean, and the 3-class weighted F1 (gold class = sign of the
//! human mean, 0 only when exactly 0; predicted positive if compound > 0.05, negative if
//! < -0.05, else neutral; per-class F1 weighted by gold support), for VADER alone and for VADER
//! with the diplomatic vocabulary.

use std::process::ExitCode;

use tenor::analysis::tone::Scorer;

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

fn weighted_f1(gold: &[usize], pred: &[usize]) -> f64 {
    let mut tp = [0usize; 3];
    let mut npred = [0usize; 3];
    let mut ngold = [0usize; 3];
    for (&g, &p) in gold.iter().zip(pred) {
        ngold[g] += 1;
        npred[p] += 1;
        if g == p {
            tp[g] += 1;
        }
    }
    let total = gold.len() as f64;
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

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: tone_eval FILE...");
        return ExitCode::FAILURE;
    }
    let scorers = [
        ("vader", Scorer::vader()),
        ("vader+diplomatic", Scorer::diplomatic()),
    ];
    println!(
        "{:<28} {:>6}  {:>16} {:>7} {:>7}",
        "file", "n", "scorer", "r", "F1"
    );
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let rows: Vec<(f64, &str)> = text
            .lines()
            .filter_map(|line| {
                let mut cols = line.splitn(3, '\t');
                let _id = cols.next()?;
                let rating = cols.next()?.trim().parse().ok()?;
                Some((rating, cols.next()?))
            })
            .collect();
        let human: Vec<f64> = rows.iter().map(|r| r.0).collect();
        let gold: Vec<usize> = human.iter().map(|&h| gold_class(h)).collect();
        let name = std::path::Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        for (label, scorer) in &scorers {
            let scores: Vec<f64> = rows.iter().map(|r| scorer.compound(r.1)).collect();
            let pred: Vec<usize> = scores.iter().map(|&c| predicted_class(c)).collect();
            println!(
                "{:<28} {:>6}  {:>16} {:>7.3} {:>7.3}",
                name,
                rows.len(),
                label,
                pearson(&scores, &human),
                weighted_f1(&gold, &pred)
            );
        }
    }
    ExitCode::SUCCESS
}
