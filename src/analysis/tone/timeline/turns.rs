//! Turning points: the paragraph scores cut into segments of distinct level (optimal
//! segmentation with a penalty per segment), and the words that drive each turn.

use std::ops::Range;

use super::{Article, MIN_SEGMENT, MIN_SHIFT, TURN_WORDS, Timeline, TurningPoint, WordTone};

/// Optimal segmentation of `xs` into runs of at least [`MIN_SEGMENT`] values minimizing the
/// squared error plus `penalty` per segment (dynamic programming, O(n²)), then merging of
/// neighbours whose means differ by less than [`MIN_SHIFT`]. Returns segment start indices
/// (the first is 0), or nothing when `xs` is empty.
pub fn segment(xs: &[f64], penalty: f64) -> Vec<usize> {
    let n = xs.len();
    if n == 0 {
        return Vec::new();
    }
    if n < 2 * MIN_SEGMENT {
        return vec![0];
    }
    let mut s1 = vec![0.0; n + 1];
    let mut s2 = vec![0.0; n + 1];
    for (i, &x) in xs.iter().enumerate() {
        s1[i + 1] = s1[i] + x;
        s2[i + 1] = s2[i] + x * x;
    }
    let sse = |a: usize, b: usize| {
        let len = (b - a) as f64;
        let s = s1[b] - s1[a];
        (s2[b] - s2[a] - s * s / len).max(0.0)
    };
    // PELT: the DP over last-change candidates, dropping a candidate once it can no longer be
    // optimal (its cost exceeds the best cost `MIN_SEGMENT` steps later, since with the
    // squared error splitting never costs more). On very long flat stretches, where little is
    // pruned, only the `WINDOW` most promising candidates are kept (a beam), bounding the work;
    // the merge step below removes any boundary that cap may force.
    const WINDOW: usize = 200;
    let mut best = vec![f64::INFINITY; n + 1];
    let mut prev = vec![0usize; n + 1];
    best[0] = 0.0;
    // (candidate, step from which it is dropped)
    let mut cands: Vec<(usize, usize)> = vec![(0, usize::MAX)];
    for t in MIN_SEGMENT..=n {
        let newest = t - MIN_SEGMENT;
        if newest >= MIN_SEGMENT {
            cands.push((newest, usize::MAX));
        }
        cands.retain(|&(_, expiry)| expiry > t);
        if cands.len() > 2 * WINDOW {
            // Keep the WINDOW most promising candidates (beam), amortized O(WINDOW) per step.
            let cost = |i: usize| best[i] + sse(i, t);
            cands.select_nth_unstable_by(WINDOW, |a, b| cost(a.0).total_cmp(&cost(b.0)));
            cands.truncate(WINDOW);
            cands.sort_unstable_by_key(|c| c.0);
        }
        for &(i, _) in &cands {
            let c = best[i] + sse(i, t) + penalty;
            if c < best[t] {
                best[t] = c;
                prev[t] = i;
            }
        }
        let bt = best[t];
        for (i, expiry) in &mut cands {
            if best[*i] + sse(*i, t) > bt && *expiry == usize::MAX {
                *expiry = t + MIN_SEGMENT;
            }
        }
    }
    let mut starts = Vec::new();
    let mut j = n;
    while j > 0 {
        starts.push(prev[j]);
        j = prev[j];
    }
    starts.reverse();
    // Merge neighbours whose means are too close, closest first.
    let mean = |a: usize, b: usize| (s1[b] - s1[a]) / (b - a) as f64;
    loop {
        let bounds: Vec<(usize, usize)> = starts
            .iter()
            .enumerate()
            .map(|(k, &a)| (a, starts.get(k + 1).copied().unwrap_or(n)))
            .collect();
        let closest = (1..bounds.len())
            .map(|k| {
                let d =
                    (mean(bounds[k].0, bounds[k].1) - mean(bounds[k - 1].0, bounds[k - 1].1)).abs();
                (k, d)
            })
            .filter(|&(_, d)| d < MIN_SHIFT)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match closest {
            Some((k, _)) => {
                starts.remove(k);
            }
            None => break,
        }
    }
    starts
}

/// Noise scale of a score sequence, robust to level shifts: from the median absolute
/// difference of neighbours.
fn noise_sd(xs: &[f64]) -> f64 {
    let mut d: Vec<f64> = xs.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    if d.is_empty() {
        return 0.3;
    }
    d.sort_by(f64::total_cmp);
    let med = d[d.len() / 2];
    (1.4826 * med / std::f64::consts::SQRT_2).clamp(0.15, 0.6)
}

/// The `k` distinct (lowercased) words with the largest |valence|, strongest first, in one
/// pass without sorting everything.
fn strongest<'a>(text: &str, words: impl Iterator<Item = &'a WordTone>, k: usize) -> Vec<String> {
    let mut top: Vec<(f64, String)> = Vec::with_capacity(k + 1);
    for w in words {
        let a = w.valence.abs();
        if top.len() == k && top.last().is_some_and(|t| t.0 >= a) {
            continue;
        }
        let word = text[w.range.clone()].to_lowercase();
        if let Some(pos) = top.iter().position(|t| t.1 == word) {
            if top[pos].0 >= a {
                continue;
            }
            top.remove(pos);
        }
        let at = top.partition_point(|t| t.0 >= a);
        top.insert(at, (a, word));
        top.truncate(k);
    }
    top.into_iter().map(|t| t.1).collect()
}

pub(super) fn turning_points(article: &Article, tl: &Timeline) -> Vec<TurningPoint> {
    let scored: Vec<usize> = (0..tl.paragraphs.len())
        .filter(|&p| tl.paragraphs[p].score.is_some())
        .collect();
    let xs: Vec<f64> = scored
        .iter()
        .filter_map(|&p| tl.paragraphs[p].score)
        .collect();
    let sd = noise_sd(&xs);
    let penalty = 2.0 * sd * sd * (xs.len().max(3) as f64).ln();
    let starts = segment(&xs, penalty);
    let bound = |k: usize| starts.get(k).copied().unwrap_or(xs.len());
    let mean = |a: usize, b: usize| xs[a..b].iter().sum::<f64>() / (b - a) as f64;
    let mut out = Vec::new();
    for k in 1..starts.len() {
        let (a, m, b) = (bound(k - 1), bound(k), bound(k + 1));
        let (before, after) = (mean(a, m), mean(m, b));
        let dir = (after - before).signum();
        let words = |range: Range<usize>, sign: f64| {
            let ws = scored[range].iter().flat_map(|&p| tl.paragraph_words(p));
            strongest(
                &article.text,
                ws.filter(|w| w.valence * sign > 0.0),
                TURN_WORDS,
            )
        };
        let paragraph = scored[m];
        out.push(TurningPoint {
            block: tl.paragraphs[paragraph].block,
            paragraph,
            before,
            after,
            words_before: words(a..m, -dir),
            words_after: words(m..b, dir),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segmentation_finds_a_clear_shift_only() {
        let xs = [0.6, 0.5, 0.7, 0.6, -0.5, -0.6, -0.4, -0.5];
        assert_eq!(segment(&xs, 0.3), vec![0, 4]);
        let flat = [0.3, 0.1, 0.4, 0.2, 0.3, 0.1, 0.35, 0.2];
        assert_eq!(segment(&flat, 0.3), vec![0]);
        // A single odd paragraph is never a segment of its own.
        let blip = [0.5, 0.5, 0.5, -0.9, 0.5, 0.5, 0.5];
        let starts = segment(&blip, 0.3);
        let mut bounds = starts.clone();
        bounds.push(blip.len());
        assert!(
            bounds.windows(2).all(|w| w[1] - w[0] >= MIN_SEGMENT),
            "{starts:?}"
        );
        // A high penalty keeps everything in one segment.
        assert_eq!(segment(&blip, 2.0), vec![0]);
        // Long flat stretches stay one segment despite the candidate window.
        let long: Vec<f64> = (0..5000)
            .map(|i| 0.2 + 0.1 * ((i * 7 % 5) as f64 - 2.0) / 2.0)
            .collect();
        assert_eq!(segment(&long, 0.5), vec![0]);
        assert!(segment(&[], 0.3).is_empty());
    }
}
