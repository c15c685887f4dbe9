//! Markdown to plain text: markup removed, words kept, one paragraph per block.
//!
//! Code blocks are not prose and are left out (their lines would read as claims). Tables keep
//! one line per row, cells joined by " | ", so a row reads as a row and is never taken for
//! a sentence (no final stop). Raw HTML blocks go through the HTML reader, like a web page.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Returns the text and the first heading (the usual title of a Markdown article).
pub fn to_text(source: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(source.len());
    let mut title: Option<String> = None;
    let mut in_heading = false;
    let mut heading = String::new();
    let mut in_image = 0usize;
    let mut in_code = false;
    let mut html_block = String::new();
    let mut first_cell = true;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(source, options) {
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
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::HtmlBlock) => html_block.clear(),
            Event::End(TagEnd::HtmlBlock) => {
                let (text, _) = super::html::to_text(&html_block);
                if !text.is_empty() {
                    block_break(&mut out);
                    out.push_str(&text);
                    block_break(&mut out);
                }
            }
            Event::Html(t) => html_block.push_str(&t),
            Event::Start(Tag::Table(_)) => block_break(&mut out),
            Event::Start(Tag::TableHead | Tag::TableRow) => first_cell = true,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => line_break(&mut out),
            Event::Start(Tag::TableCell) => {
                if !first_cell {
                    trim_trailing_spaces(&mut out);
                    out.push_str(" | ");
                }
                first_cell = false;
            }
            Event::Start(Tag::Item) => block_break(&mut out),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::Table,
            ) => block_break(&mut out),
            Event::Text(t) | Event::Code(t) if in_image == 0 && !in_code => {
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

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

fn line_break(out: &mut String) {
    trim_trailing_spaces(out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn block_break(out: &mut String) {
    trim_trailing_spaces(out);
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

    #[test]
    fn code_blocks_are_not_prose() {
        let md = "Intro said 5 things.\n\n```rust\nlet x = 5; // the mayor said 90%.\n```\n\n    indented code said 3.\n\nOutro.\n";
        assert_eq!(to_text(md).0, "Intro said 5 things.\n\nOutro.");
    }

    #[test]
    fn tables_read_as_rows() {
        let md = "Figures:\n\n| City | People |\n|---|---:|\n| Berlin | 3.8 million |\n| Oslo | 0.7 million |\n\nAfter.\n";
        assert_eq!(
            to_text(md).0,
            "Figures:\n\nCity | People\nBerlin | 3.8 million\nOslo | 0.7 million\n\nAfter."
        );
    }

    #[test]
    fn raw_html_blocks_go_through_the_html_reader() {
        let md = "Before.\n\n<div class=\"note\">\n<p>The council approved <b>$5 million</b> on Monday.</p>\n<script>var said = 90;</script>\n</div>\n\nAfter.\n";
        assert_eq!(
            to_text(md).0,
            "Before.\n\nThe council approved $5 million on Monday.\n\nAfter."
        );
    }
}
