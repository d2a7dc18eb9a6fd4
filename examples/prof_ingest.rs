fn main() {
    use std::time::Instant;
    let md = tenor::generate::article(tenor::generate::GenFormat::Markdown, 10_000_000, 1);
    let txt = tenor::generate::article(tenor::generate::GenFormat::Plain, 10_000_000, 1);
    for _ in 0..2 {
        let t = Instant::now();
        let c = tenor::article::text::canonical(&md);
        println!("canonical {:?} {}", t.elapsed(), c.len());
        let t = Instant::now();
        let c = tenor::article::text::sanitize(&md);
        println!("sanitize {:?} {}", t.elapsed(), c.len());
        let t = Instant::now();
        let c = tenor::article::text::nfc(&md);
        println!("nfc {:?} {}", t.elapsed(), c.len());
        let t = Instant::now();
        let a = tenor::article::parse_str(&md, tenor::article::Format::Markdown, "x");
        println!("md {:?} {}", t.elapsed(), a.blocks.len());
        let t = Instant::now();
        let a = tenor::article::parse_str(&txt, tenor::article::Format::Plain, "x");
        println!("plain {:?} {}", t.elapsed(), a.blocks.len());
        let t = Instant::now();
        let n: usize = a
            .blocks
            .iter()
            .map(|b| tenor::article::text::sentences(&a.text[b.range.clone()]).len())
            .sum();
        println!("sentences {:?} {}", t.elapsed(), n);
    }
}
