fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    for c in factdesk::claims::ClaimFinder::rules().find(&text) {
        println!(
            "{:.2} {:<11} {:?} | {} | {:?}",
            c.score,
            c.kind.name(),
            c.claimant,
            c.text,
            c.reasons
        );
    }
}
