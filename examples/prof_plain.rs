fn main() {
    let txt = tenor::generate::article(tenor::generate::GenFormat::Plain, 10_000_000, 1);
    let mut n = 0;
    for _ in 0..30 {
        let a = tenor::article::parse_str(&txt, tenor::article::Format::Plain, "x");
        n += a.blocks.len();
    }
    println!("{n}");
}
