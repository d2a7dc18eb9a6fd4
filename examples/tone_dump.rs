//! Dump the calibrated model's features of rated sentences, for fitting experiments:
//! `cargo run --release --example tone_dump -- FILE... > features.tsv`
//! (columns: file, id, human rating, toned, features…, the diplomatic compound, the sentence).
use tenor::analysis::tone::Scorer;
use tenor::analysis::tone::model::FEATURES;

fn main() {
    let dip = Scorer::diplomatic();
    println!("file\tid\thuman\ttoned\t{}\tsentence", FEATURES.join("\t"));
    for file in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            eprintln!("{file}: unreadable");
            continue;
        };
        let name = std::path::Path::new(&file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        for line in text.lines() {
            let mut cols = line.splitn(3, '\t');
            let (Some(id), Some(h), Some(s)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let (x, toned) = dip.features(s);
            let xs: Vec<String> = x.iter().map(|v| format!("{v:.6}")).collect();
            println!(
                "{name}\t{id}\t{h}\t{}\t{}\t{}",
                u8::from(toned),
                xs.join("\t"),
                s.replace('\t', " ")
            );
        }
    }
}
