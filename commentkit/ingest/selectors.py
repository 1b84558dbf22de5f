"""The words and CSS selectors comment sections are recognised by: data, kept in one place.

``TEXT_*``: cues for plain-text page copies (matched against whole, stripped lines, case-insensitive).
``HTML_*``: selectors for the comment widgets of saved HTML pages (used by ``html_page``).
English first, with the German forms the dev pages use; add a language by extending the lists.
"""
from __future__ import annotations

# ---------------------------------------------------------------- plain-text page copies

# Number words a comment header may use instead of digits ("One thought on ...").
NUMBER_WORDS = {
    "no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
}

# Nouns a comment-section header counts ("20 thoughts on", "13 Comments", "5 Gedanken zu").
COMMENT_NOUNS = (
    "comments?", "responses?", "replies", "reply", "thoughts?", "reactions?", "opinions?",
    "kommentare?", "gedanken", "antworten", "ergänzungen", "ergänzung", "reaktionen",
)

# Header lines that open a comment section without a count.
COMMENT_SECTION_TITLES = (
    "comments", "reader comments", "discussion", "join the discussion", "kommentare",
    "what readers say", "responses",
)

# Lines that end the comment list: the reply form and what follows it.
COMMENT_FORM_MARKERS = (
    r"leave a (reply|comment|response)\b.*",
    r"post a comment\b.*",
    r"add (a|your) comment\b.*",
    r"submit a comment\b.*",
    r"write a comment\b.*",
    r"cancel reply",
    r"your email address will not be published\b.*",
    r"you must be logged in to post a comment\b.*",
    r"comments are closed\.?",
    r"schreibe einen kommentar\b.*",
    r"kommentar (verfassen|schreiben|hinterlassen)\b.*",
    r"antwort(en)? abbrechen",
    r"deine e-mail-adresse wird nicht veröffentlicht\b.*",
)

# Lines that end the article body (bylines boxes, share bars, related posts, navigation).
BODY_STOP_MARKERS = (
    r"about the author\b.*",
    r"about (the )?author:?",
    r"author",
    r"published by",
    r"written by",
    r"share this( post| article| story)?:?",
    r"share (on|via) \w+",
    r"like this:?",
    r"related( posts| articles| stories)?:?",
    r"you (may|might) also like:?",
    r"read (more|next|also):?",
    r"more from .{1,60}",
    r"posted (in|on|under) .*",
    r"filed under:? .*",
    r"tagged:? .*",
    r"tags:? .*",
    r"categories:? .*",
    r"post navigation",
    r"previous (post|article)\b.*",
    r"next (post|article)\b.*",
    r"spread the (news|word):?",
    r"recent (posts|comments)",
    r"subscribe( to .*)?",
    r"sign up for .*",
    r"(primary |secondary )?sidebar",
    r"advertisement",
    r"über den autor\b.*",
    r"teilen:?",
)

# Whole lines in a comment list that are buttons, counters or labels, not comment text.
COMMENT_ACTION_LINES = (
    r"reply( to (this|comment|.{1,60}))?( ↓)?",
    r"(log|sign) in to reply",
    r"report( (this|comment|abuse))?",
    r"flag( as inappropriate)?",
    r"like( \(\d+\))?",
    r"liked? by \d+ (people|persons?)",
    r"\d+ (likes?|points?|votes?|upvotes?|downvotes?|people like this\.?)",
    r"(up|down)vote( \d+)?",
    r"share",
    r"edit",
    r"permalink",
    r"quote",
    r"antworten",
    r"melden",
    r"loading\.*",
    r"load more( comments)?\.*",
    r"(show|view|hide) (\d+ )?(more )?(replies|repl(y|ies)|comments?)\.*",
    r"collapse",
    r"expand",
    r"[+\-−]?\d{1,5}",
    r"[▲▼↑↓⬆⬇△▽^v\s\d+\-]{1,20}",
    r"\(\d+\)",
    r"(ordered|sorted) by (newest|oldest|best|top|votes?)( first)?",
    r"sort by:? .*",
    r"(newest|oldest|best|top)( first)?",
)

# A comment's author line: patterns with a named group ``author`` (and optionally ``date``).
AUTHOR_LINE_PATTERNS = (
    r"(?P<author>.{1,80}?)\s+(says|said|wrote|schreibt|sagt|meint)\s*:\s*(?P<date>.*)",
    r"(?P<author>[^·•|]{1,80}?)\s*[·•|]\s*(?P<date>.{3,60})",
    r"(?P<author>.{1,60}?)\s+(on|am|at)\s+(?P<date>.{6,60})",
    r"(?P<author>.{1,60}?),?\s+(?P<date>\d+\s+(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago)",
)

# Lines that say a comment is a reply ("In reply to Jane.").
REPLY_TO_PATTERNS = (
    r"in reply to (?P<author>.{1,80}?)\.?",
    r"replying to @?(?P<author>.{1,80}?)\.?",
    r"@(?P<author>\S{1,40}):?",
)

PINGBACK_PREFIXES = ("pingback:", "trackback:")

# A trailing action glued to the comment's last sentence by a copy ("...projects.Report").
GLUED_ACTION_SUFFIX = r"(?<=[.!?)\"”’'])\s?(Report|Reply|Flag|Antworten|Melden)$"

# ---------------------------------------------------------------- HTML comment widgets

# Containers that hold a page's comment thread, most specific first.
HTML_THREAD_CONTAINERS = (
    "#comments", "#comments-section", ".comments-area", ".comment-respond ~ .comment-list",
    "#disqus_thread", ".comments", "#respond", "section.comments", ".discussion",
)

# Comment-list elements (their children are comments).
HTML_COMMENT_LISTS = (
    "ol.comment-list", "ol.commentlist", "ul.comment-list", "ul.commentlist", "ol.comments",
    "ul.comments", "div.comment-list", "div.commentlist", "ol.wp-block-comment-template",
    "ul.wp-block-comment-template",
)

# One comment: each widget's element, tried in order; the first that matches in the thread wins.
HTML_COMMENT_ITEMS = (
    "li.comment", "li.pingback", "li.trackback", "div.comment", "article.comment",
    "li.wp-block-comment", "div.post", "li.post", "article.js-comment", "div.js-comment",
    ".comment-item", "[itemtype$='schema.org/Comment']", "[itemtype$='schema.org/UserComments']",
    "div.indented.comment", "article[id^='comment-']", "li[id^='comment-']", "div[id^='comment-']",
)

# Inside a comment: where its author, time and text are.
HTML_AUTHOR = (
    ".comment-author .fn", ".comment-author cite", ".comment-author", "cite.fn", ".fn",
    ".vcard .fn", "[itemprop='author'] [itemprop='name']", "[itemprop='author']",
    ".author-name", ".comment-author-name", ".username", ".author", ".post-byline .author",
    ".wp-block-comment-author-name", ".comment-meta .author", ".comment__author", "span.name",
    "b", "strong",
)
HTML_TIME = (
    "time[datetime]", ".comment-metadata time", "[itemprop='dateCreated']", "[itemprop='datePublished']",
    ".comment-date", ".comment-time", ".comment-meta a", ".commentmetadata a", ".post-meta time",
    "abbr[title]", ".date", ".time",
)
HTML_TEXT = (
    ".comment-content", ".comment-body > p", ".comment-text", "[itemprop='text']",
    "[itemprop='commentText']", ".comment-entry", ".post-message", ".cooked", ".content",
    ".comment__content", ".wp-block-comment-content", ".comment_text", ".commentbody",
    ".text", ".comment-body",
)
# Removed from comment text before it is read: buttons, forms, badges, nested replies.
HTML_COMMENT_NOISE = (
    ".reply", ".comment-reply-link", ".comment-edit-link", ".comment-awaiting-moderation",
    ".comment-meta", ".commentmetadata", ".comment-metadata", ".comment-author", ".vcard",
    ".comment-likes", ".likes", ".like", ".report", ".comment-actions", ".sharedaddy",
    "form", "script", "style", "noscript", "button", "footer", "ol.children", "ul.children",
    ".children", "[itemprop='author']", ".post-byline", "time",
)
# Wrappers that hold replies to a comment (nesting from the list structure).
HTML_CHILD_LISTS = ("ol.children", "ul.children", "div.children", ".replies", ".comment-replies")

# Widgets that list comments of other pages (never part of the thread).
HTML_FOREIGN_WIDGETS = (
    ".widget_recent_comments", "#recentcomments", ".recentcomments", ".recent-comments",
    ".widget", "aside", "#sidebar", ".sidebar", "#secondary", ".widget-area", "nav", "footer",
)

# Elements that carry the page's own comment count ("54 Comments").
HTML_COUNT_HEADERS = (
    ".comments-title", "#comments-title", ".comment-reply-title", "h2.comments", "h3.comments",
    "#comments h2", "#comments h3", "#comments h4", ".comments h2", ".comments h3",
    ".comments-area h2", ".comments-area h3",
)
