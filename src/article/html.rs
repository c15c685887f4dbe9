//! HTML to readable text: the article's paragraphs, without scripts, styles, navigation or markup.

use scraper::{Html, Node};

/// Elements whose whole subtree is page furniture, never article prose.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "svg", "iframe", "object", "canvas", "figure", "menu", "dialog", "head",
];

/// Elements that start a new paragraph in the extracted text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "address",
    "body",
    "caption",
    "details",
    "summary",
];

/// Returns the article text (paragraphs separated by blank lines) and the page title.
///
/// When the page has an `<article>` (or failing that `<main>`) element, only it is read: that is
/// where publishers put the story, and it leaves out sidebars, teasers and comment sections.
pub fn to_text(source: &str) -> (String, Option<String>) {
    let doc = Html::parse_document(source);
    let title = element_text(&doc, "title").or_else(|| element_text(&doc, "h1"));
    let root = ["article", "main"]
        .iter()
        .find_map(|name| {
            doc.tree
                .root()
                .descendants()
                .find(|n| n.value().as_element().is_some_and(|e| e.name() == *name))
        })
        .unwrap_or_else(|| doc.tree.root());

    let links = LinkDensity::of(root);
    let mut out = String::with_capacity(source.len() / 2);
    // Explicit stack: hostile, deeply nested pages must not overflow the call stack.
    let mut stack = vec![(root, false)];
    let mut pre_depth = 0usize;
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                if closing {
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if BLOCKS.contains(&name) {
                        paragraph_break(&mut out);
                    }
                    continue;
                }
                if SKIPPED.contains(&name)
                    || el.attr("hidden").is_some()
                    || is_navigation(el)
                    || links.is_menu(node, name)
                    || is_skip_link(node, el)
                {
                    continue;
                }
                if name == "br" {
                    trim_trailing_spaces(&mut out);
                    out.push('\n');
                    continue;
                }
                if BLOCKS.contains(&name) {
                    paragraph_break(&mut out);
                }
                if name == "pre" {
                    pre_depth += 1;
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            Node::Text(t) if !closing => {
                if pre_depth > 0 {
                    out.push_str(t);
                } else {
                    push_collapsed(&mut out, t);
                }
            }
            Node::Document | Node::Fragment if !closing => {
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    let text = out.trim().to_string();
    (text, title)
}

/// Words in `class`, `id` and `role` that mark navigation or page chrome (whole tokens of the
/// attribute, split at spaces, `-` and `_`: "site-nav", "skip-link", "breadcrumb").
const CHROME_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "breadcrumb",
    "breadcrumbs",
    "skip",
    "skiplink",
    "sidebar",
    "share",
    "sharing",
    "social",
    "toolbar",
    "banner",
    "cookie",
    "cookies",
];

/// An element the page marks as navigation or chrome by its role, class or id.
fn is_navigation(el: &scraper::node::Element) -> bool {
    if el.attr("role").is_some_and(|r| {
        matches!(
            r.trim(),
            "navigation" | "menu" | "menubar" | "banner" | "contentinfo" | "search" | "toolbar"
        )
    }) || el.attr("aria-hidden") == Some("true")
    {
        return true;
    }
    ["class", "id"].iter().filter_map(|a| el.attr(a)).any(|v| {
        v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|t| CHROME_TOKENS.contains(&t.to_ascii_lowercase().as_str()))
    })
}

/// An in-page link standing on its own, outside prose: "Jump to main content", "Back to top".
fn is_skip_link(node: ego_tree::NodeRef<'_, Node>, el: &scraper::node::Element) -> bool {
    let prose_beside = |n: Option<ego_tree::NodeRef<'_, Node>>| {
        n.is_some_and(|n| matches!(n.value(), Node::Text(t) if !t.trim().is_empty()))
    };
    el.name() == "a"
        && el.attr("href").is_some_and(|h| h.starts_with('#'))
        && !prose_beside(node.prev_sibling())
        && !prose_beside(node.next_sibling())
}

/// Per element: characters of text, characters inside links, number of links. Counted once
/// for the whole tree, children before parents, so judging an element costs a lookup.
struct LinkDensity(std::collections::HashMap<ego_tree::NodeId, (usize, usize, usize)>);

impl LinkDensity {
    fn of(root: ego_tree::NodeRef<'_, Node>) -> Self {
        let mut stats: std::collections::HashMap<ego_tree::NodeId, (usize, usize, usize)> =
            std::collections::HashMap::new();
        let nodes: Vec<_> = root.descendants().collect();
        // Reversed pre-order visits every node after all of its descendants.
        for node in nodes.into_iter().rev() {
            let own = match node.value() {
                Node::Text(t) => {
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    (n, 0, 0)
                }
                Node::Element(el) if matches!(el.name(), "script" | "style") => continue,
                _ => {
                    let mut total = stats.remove(&node.id()).unwrap_or_default();
                    if node.value().as_element().is_some_and(|e| e.name() == "a") {
                        total.1 = total.0;
                        total.2 += 1;
                    }
                    total
                }
            };
            if let Some(parent) = node.parent() {
                let p = stats.entry(parent.id()).or_default();
                p.0 += own.0;
                p.1 += own.1;
                p.2 += own.2;
            }
            if node.value().is_element() {
                stats.insert(node.id(), own);
            }
        }
        LinkDensity(stats)
    }

    /// A block that is mostly links: a menu, a list of sections, "Jump to main content",
    /// download links ("MP4 MP3"). Prose with links in it has far more words than link text.
    fn is_menu(&self, node: ego_tree::NodeRef<'_, Node>, name: &str) -> bool {
        let Some(&(text, linked, links)) = self.0.get(&node.id()) else {
            return false;
        };
        if text == 0
            || !matches!(
                name,
                "ul" | "ol" | "div" | "section" | "p" | "table" | "dl" | "li" | "span"
            )
        {
            return false;
        }
        let dense = linked * 10 >= text * 7;
        // Several links that are nearly all of the text, or one short link standing alone.
        dense && (links >= 2 || (name != "li" && text <= 40))
    }
}

fn element_text(doc: &Html, name: &str) -> Option<String> {
    let node = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == name))?;
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            push_collapsed(&mut s, t);
        }
    }
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// HTML whitespace rules: runs of whitespace are one space, and none at a paragraph start.
fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        let at_line_start = out.is_empty() || out.ends_with('\n');
        let needs_space = if i == 0 {
            text.starts_with(char::is_whitespace) && !at_line_start && !out.ends_with(' ')
        } else {
            true
        };
        if needs_space && !at_line_start {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(['\n', ' ']) {
        out.push(' ');
    }
}

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

fn paragraph_break(out: &mut String) {
    trim_trailing_spaces(out);
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_drops_furniture() {
        let page = r#"<!doctype html><html><head><title>Big  news</title>
            <style>p { color: red }</style><script>var x = "said 90%";</script></head>
            <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
            <h1>Headline</h1>
            <p>The council   approved the plan on <b>Monday</b>.</p>
            <p>It will cost $5&nbsp;million, officials said.<br>Second line.</p>
            <footer>© 2025 Paper</footer></body></html>"#;
        let (text, title) = to_text(page);
        assert_eq!(title.as_deref(), Some("Big news"));
        assert_eq!(
            text,
            "Headline\n\nThe council approved the plan on Monday.\n\nIt will cost $5 million, officials said.\nSecond line."
        );
    }

    #[test]
    fn prefers_article_element() {
        let page = "<html><body><div>Teaser: other story.</div><article><p>Real story.</p></article></body></html>";
        assert_eq!(to_text(page).0, "Real story.");
    }

    #[test]
    fn menus_and_link_lists_are_dropped() {
        let page = r##"<html><body>
            <a class="visually-hidden" href="#main">Jump to main content</a>
            <div class="site-header"><ul><li><a href="/a">Agency</a></li><li><a href="/n">News</a></li>
              <li><a href="/p">Publications</a></li></ul></div>
            <div id="main"><h1>Report released</h1>
            <p>The agency said on <a href="/r">Tuesday</a> that 4,000 homes were affected.</p>
            <div><a href="/v.mp4">MP4</a><a href="/v.mp3">MP3</a></div>
            <p>In this section:</p>
            <ul><li><a href="/x">Grants</a></li><li><a href="/y">Loans</a></li><li><a href="/z">Contacts</a></li></ul>
            <p>Officials expect repairs to take two years.</p></div>
            <div role="navigation">Home &gt; News</div>
            </body></html>"##;
        assert_eq!(
            to_text(page).0,
            "Report released\n\nThe agency said on Tuesday that 4,000 homes were affected.\n\nIn this section:\n\nOfficials expect repairs to take two years."
        );
    }

    #[test]
    fn prose_with_links_is_kept() {
        let page = r#"<html><body><p>The <a href="/a">ministry</a> said the <a href="/b">new rules</a> would cut emissions by a third before 2030, according to the plan.</p>
            <ul><li>Prices rose 4% in <a href="/m">March</a>, the office said.</li></ul></body></html>"#;
        assert_eq!(
            to_text(page).0,
            "The ministry said the new rules would cut emissions by a third before 2030, according to the plan.\n\nPrices rose 4% in March, the office said."
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough to overflow a recursive walk on a 2 MB test-thread stack.
        let page = format!("{}text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert_eq!(to_text(&page).0, "text");
    }
}
