//! Markdown to plain text: markup removed, words kept, one paragraph per block.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Returns the text and the first heading (the usual title of a Markdown article).
pub fn to_text(source: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(source.len());
    let mut title: Option<String> = None;
    let mut in_heading = false;
    let mut heading = String::new();
    let mut in_image = 0usize;
    for event in Parser::new(source) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                if title.is_none() && !heading.trim().is_empty() {
                    title = Some(heading.trim().to_string());
                }
                block_break(&mut out);
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::Item) => block_break(&mut out),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => block_break(&mut out),
            Event::Text(t) | Event::Code(t) if in_image == 0 => {
                out.push_str(&t);
                if in_heading {
                    heading.push_str(&t);
                }
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => block_break(&mut out),
            _ => {}
        }
    }
    (out.trim().to_string(), title)
}

fn block_break(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup_keeps_words() {
        let md = "# Talks in *Berlin*\n\nThe **minister** said [90%](http://x.y) of\nissues were settled.\n\n- First point.\n- Second point.\n\n![chart](c.png)\n";
        let (text, title) = to_text(md);
        assert_eq!(title.as_deref(), Some("Talks in Berlin"));
        assert_eq!(
            text,
            "Talks in Berlin\n\nThe minister said 90% of issues were settled.\n\nFirst point.\n\nSecond point."
        );
    }
}
