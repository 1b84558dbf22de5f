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

# Header lines that open a comment section; they may carry a count in brackets ("Have your say (4)").
COMMENT_SECTION_TITLES = (
    "comments", "reader comments", "discussion", "join the discussion", "kommentare",
    "what readers say", "responses", "readers[’']? comments", "your comments", "have your say",
    "join the conversation", "conversation", "comment on this (story|article)", "leserkommentare", "comments section",
    "comment section",
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
    r"comments are no longer (being )?accepted\.?",
    r"schreibe einen kommentar\b.*",
    r"kommentar (verfassen|schreiben|hinterlassen)\b.*",
    r"(antwort(en)?|ergänzung|kommentar) abbrechen",
    r"deine (ergänzung|antwort|nachricht)",
    r"(name|e-?mail( address)?|website)\s*\*",
    r"deine e-mail-adresse wird nicht veröffentlicht\b.*",
)

# A navigation bar copied as one line: "Guidelines | FAQ | Lists | API | Contact".
NAV_BAR = r"(?:[^|]{1,30}\|){3,}[^|]{0,30}"

# Lines after the comment list when there is no reply form: navigation, related posts, footers.
COMMENT_LIST_END = (
    r"post navigation", r"recent (posts|comments)", r"related (posts|articles|stories|communities)",
    r"(primary |secondary )?sidebar", r"previous (post|article)\b.*", r"next (post|article)\b.*",
    r"you (may|might) also like:?", r"top posts( of .{3,40})?", r"more posts you may like", r"trending (now|today)",
    r"most (popular|viewed|read|shared|commented)( (stories|articles|posts|now|today|this week))?",
    r"facebook comments plugin", r"site (index|map|information navigation)", r"ready for more\??", r"(©|copyright\b).{0,120}", r"about this (subreddit|community)",
    r"(popular|trending|latest|more) (stories|posts|articles|headlines)",
    # "Load more comments": the rest of the list was never loaded into the page that was copied
    r"(load|show|view|see|read) (\d+ )?more comments\W*", r"\d+ more comments\W*",
    NAV_BAR,
)

# Labels of a comment form's fields: two of them in a row are the form (the list has ended).
COMMENT_FORM_FIELDS = r"(name|e-?mail( address)?|website|url|comment|kommentar|webseite)\s*\*?"

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
    r"explore more on (these|this) topics?",
    r"reuse this content",
    r"most (popular|viewed|read|shared)",
    r"über den autor\b.*",
    r"teilen:?",
)

# Advertising labels a page shows inside its article: dropped from the body, which goes on after them.
AD_LINES = (
    r"advertisements?", r"advertising", r"ad", r"sponsored( content)?", r"paid (post|content)", r"promoted( content)?",
    r"(the )?(story|article) continues (below|after)( (this|the) (advertisement|ad))?\.?",
    r"(continue reading|scroll to continue)( (below|with content|the main story))?\.?", r"skip (advertisement|ad)",
    r"anzeige", r"werbung",
)

# A cookie or consent banner's text: prose in form, never the article.
CONSENT_LINES = (
    r".{0,200}\b(uses?|use of|accept|allow|consent to|about|manage|necessary|third[- ]party|store)\s+(all\s+)?cookies\b.{0,300}",
    r".{0,200}\bcookie (policy|settings|preferences|notice|consent|banner)\b.{0,300}",
    r"(accept|reject|allow|decline)( all)?( cookies)?!?", r"manage (settings|preferences|cookies|options)", r"got it!?",
)

# A byline: never the headline ("By Jane Doe", "Jane Doe, Transport correspondent").
BYLINE_LINES = (
    r"by\s.{1,80}",
    r"(submitted|posted|written|published|updated) (.{0,40} )?by .{1,60}",
    # a name, then a role at the end of the line
    r"(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}),?\s+(?:.{0,40}\s)?"
    r"(correspondent|reporter|editor|columnist|staff writer|contributor|contributing writer|journalist)s?",
)

# Page furniture that is never a headline.
PAGE_CHROME_LINES = (
    r"(jump|skip) to (recipe|content|main content|navigation|comments)", r"print( recipe)?", r"pin( recipe)?",
    r"menu", r"search( for)?:?", r"home", r"log ?in", r"sign (up|in)", r"subscribe( now)?", r"main menu",
    r"toggle navigation", r"open menu", r"close", r"back to top", r"sharing is caring!?", r"\d+\s*shares?",
    r"share( this)?( full)?( post| article| story)?:?", r"tweet", r"read \d[\d,]* comments?", r"skip advertisement", r"email", r"facebook", r"twitter", r"pinterest",
)

# What a site appends to a commenter's name: not part of it ("Ivy Marsh (not verified)").
AUTHOR_NAME_SUFFIX = r"\s*[(\[](not verified|unverified|verified|guest|anonymous|anon\.?|visitor|gast)[)\]]$"

# Badges a page shows next to a commenter's name, between the name and the date.
BADGE_LINES = (
    r"author", r"op", r"mod(erator)?", r"verified", r"pinned( comment)?( by .{1,40})?", r"top comment", r"staff",
    r"(editor|editors)['’]?s? pick", r"featured( comment)?", r"top (fan|contributor)", r"subscriber", r"premium",
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
    r"loading( (replies|comments|more))?(\.*|…)",
    r"load more( comments)?\.*",
    r"(show|view|hide) (\d+ )?(more )?(replies|repl(y|ies)|comments?)\.*",
    r"(\d+ )?more (replies|comments?)\.*",
    r"collapse",
    r"expand",
    r"[+\-−]?\d{1,5}",
    r"[▲▼↑↓⬆⬇△▽^v\s\d+\-]{1,20}",
    r"\(\d+\)",
    r"(ordered|sorted|sort) by:? ?(newest|oldest|best|top|votes?)( first)?",
    r"upvote\s*\d*\s*downvote",
    r"share\s*[›>»]?",
    r"(log ?in|sign ?in|sign up|join the discussion)…?\.*",
    r"[•·|›»\-–—]+",
    r"level \d+",
    r"(see|read) more",
    r"(hide|show) replies",
    r"avatar",
    r"edited",
    r"sort by:? .*",
    r"(newest|oldest|best|top)( first)?",
    r"sort( by)?:?",
    r"embed", r"save", r"parent", r"hide", r"context", r"give awards?", r"award", r"full comments( \(\d+\))?",
    r"sign in or (create|register).{0,60}", r"loading comments.{0,40}", r"trouble loading\??",
    r"\d+ (replies|reply)", r"like \(\d+\)", r"\d+ recommend(s|ed|ations?)?", r"recommend(ed)?( \(?\d+\)?)?",
    r"(u/)?[\w\-]{1,40} avatar",
) + BADGE_LINES

# A line of buttons copied as one: "Like · Reply · 2d", "Reply | Share | Report". Each part is an
# action line or a relative date; these are the separators between the parts.
ACTION_BAR_SEPARATORS = r"[·•|]"  # parts are stripped after the split (a regex that eats the spaces backtracks)

# A comment's author line: (kind, pattern) with named groups ``author`` and optionally ``date``.
# "verb": the author is named by a verb and the date may be missing; "separator": a "·" or "|"
# between name and date; "name": only a name-shaped author (Capitalised words or one handle)
# followed by a date, so that a sentence ending in a date is not taken for an author line.
AUTHOR_LINE_PATTERNS = (
    ("verb", r"(?P<author>.{1,80}?)\s+(says|said|wrote|schreibt|sagt|meint)\s*(:|\.\.\.|…)\s*(?P<date>.*)"),
    ("verb", r"(?:posted|written|submitted) by (?P<author>.{1,60}?)(?:\s+(?:on|at|\||·)\s+(?P<date>.{3,60}))?"),
    ("separator", r"(?P<author>[^·•|]{1,80}?)\s*[·•|]\s*(?P<date>.{3,60})"),
    ("name", r"(?P<author>.{1,60}?)\s+(on|am|at)\s+(?P<date>.{6,60})"),
    # old Reddit: "[–]handle[S] 156 points 1 year ago*", "[–][deleted] 4 points 1 year ago"
    ("separator", r"(?:\[[–\-+]\]\s*)?(?P<author>\[deleted\]|[\w\-]{2,40})(?:\s*\[[^\]]{1,12}\])*\s+(?:-?\d[\d,]*\s+points?|"
                  r"\[?score hidden\]?)\s+(?P<date>.{1,30}?\sago\*?)(?:\s*\(.{1,40}\))?"),
    # Hacker News / Lobsters: "handle 4 hours ago | parent | next [–]"
    ("name", r"(?P<author>.{1,60}?),?\s+(?P<date>\d+\s+(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago)"
             r"(\s*\|.{0,60})?"),
    # "Stephanie September 17, 2014 - 1:01 pm"
    ("name", r"(?P<author>(?-i:(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)|\S+)\s+(?P<date>(?:\d{1,2}\.?\s+)?[A-Z][a-z]{2,8}"
             r"\.?\s+\d.{3,40}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}.{0,30})"),
    # a short user name of up to three words, then a numeric date and time: "Councillor watcher 15/06/2024 08:45"
    ("separator", r"(?P<author>(?-i:[A-Z][\w'’.-]*|[\w.-]+)(?:\s+[\w'’.-]+){0,2})\s+"
                  r"(?P<date>\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)"),
)

# Lines that say a comment is a reply ("In reply to Jane.").
REPLY_TO_PATTERNS = (
    r"in reply to (?P<author>.{1,80}?)\.?",
    r"replying to @?(?P<author>.{1,80}?)\.?",
    r"(?:↪\s*)?reply to @?(?P<author>.{1,80}?)",  # only right under the author line; elsewhere it is a button
    r"@(?P<author>\S{1,40}):?",
)
# Between a reply's author and its date: the name it answers ("→ Kelly Vance", "replied to Jo").
REPLY_ARROW = r"(?:[→↪➦▸►⤷>»]|replied to|replying to|in reply to)\s*@?(?P<author>.{1,60}?)"
REPLY_TO_BUTTON_LIKE = 2  # index of the pattern above that reads like a button: a reply-to only under the author

PINGBACK_PREFIXES = ("pingback:", "trackback:")

# What a copy shows for a comment that was deleted or removed, and for an account that was deleted.
GONE_TEXTS = ("[deleted]", "[removed]", "[comment removed]", "[flagged]", "[dead]", "this comment has been deleted.",
              "this comment was deleted.", "comment deleted by user", "this comment has been removed.",
              "this comment was removed.", "this comment has been removed by a moderator.", "comment removed.",
              "deleted comment", "this comment is no longer available.", "dieser kommentar wurde gelöscht.")
GONE_AUTHORS = ("[deleted]", "[removed]", "deleted user", "[deleted user]")

# A trailing action glued to the comment's last sentence by a copy ("...projects.Report").
GLUED_ACTION_SUFFIX = r"(?<=[.!?)\"”’'…])\s?(Report|Reply|Flag|Antworten|Melden|See more|Read more|Show more|Mehr anzeigen)$"

# ---------------------------------------------------------------- HTML comment widgets
# XPath 1.0 (lxml has no CSS engine without an extra package). ``_cls("x")`` is CSS ``.x``.


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# One comment, by widget; groups are tried in order and the first that finds comments wins.
HTML_COMMENT_ITEMS = (
    # WordPress (classic and block themes), Jetpack/WordPress.com, Drupal, most blog engines
    f"//*[self::li or self::article or self::div][{_cls('comment')} or {_cls('pingback')} or {_cls('trackback')}"
    f" or {_cls('wp-block-comment')} or {_cls('js-comment')}]",
    # schema.org microdata
    "//*[contains(@itemtype, 'schema.org/Comment') or contains(@itemtype, 'schema.org/UserComments')]",
    # Disqus static markup, Discourse embeds, Epoch, Impreza, other comment plugins
    f"//*[@id='disqus_thread' or @id='posts']//*[{_cls('post')}]",
    f"//*[{_cls('topic-post')} or ({_cls('post')} and ancestor::*[{_cls('embedded-posts')}])]",
    f"//*[{_cls('epoch-single-comment')} or {_cls('w-comments-item')} or {_cls('comment-item')}"
    f" or {_cls('commentlist-item')} or {_cls('comment-wrapper')} or {_cls('single-comment')}]",
    # generic: elements whose id says they are one comment
    "//*[starts-with(@id, 'comment-') or starts-with(@id, 'li-comment-') or starts-with(@id, 'div-comment-')]"
    "[string-length(normalize-space(.)) > 0]",
)

# Containers that hold a comment section in markup no widget selector above knows: searched for
# repeated elements (one per comment) by ``html_structure`` before the page text is tried.
_CONTAINER_WORDS = ("comment", "discussion", "responses", "reaction", "conversation", "feedback", "reader-post",
                    "have-your-say", "kommentar", "talkback", "guestbook")
HTML_COMMENT_CONTAINERS = "//*[" + " or ".join(
    f"contains(translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{w}')"
    f" or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{w}')"
    for w in _CONTAINER_WORDS) + ("][not(self::a or self::span or self::button or self::form or self::input"
                                  " or self::textarea or self::label or self::img)]")

# Classic Blogger: a definition list whose <dt> is the author line and <dd>s the body and footer.
HTML_DEFINITION_LIST_COMMENTS = "//dl[@id='comments-block' or contains(@class, 'comments-block')]"

# Inside a comment (replies removed first): where its author, time and text are. First hit wins.
HTML_AUTHOR = (
    f".//*[{_cls('fn')}]",
    f".//*[{_cls('user')} or {_cls('comment-author')}]//a[not(@name) and normalize-space(.)]",
    ".//*[@itemprop='author' or @itemprop='creator']//*[@itemprop='name']",
    ".//*[contains(@class, 'author-name') or contains(@class, 'author-link') or contains(@class, 'username')"
    " or contains(@class, 'user-name') or contains(@class, 'comment-author__name')]",
    ".//cite",
    f".//*[{_cls('comment-author')} or {_cls('author')} or {_cls('wp-block-comment-author-name')}]",
    ".//*[@itemprop='author' or @itemprop='creator']",
    ".//*[contains(@class, 'author') and not(contains(@class, 'avatar'))]",
    ".//*[contains(@class, 'name') and not(contains(@class, 'avatar'))]",
)
HTML_TIME = (
    ".//time[@datetime]",
    ".//*[@itemprop='commentTime' or @itemprop='dateCreated' or @itemprop='datePublished']",
    ".//*[@datetime]",
    f".//*[{_cls('comment-metadata')} or {_cls('commentmetadata')}]//a",
    ".//*[contains(@class, 'date') or contains(@class, 'time')]",
)
HTML_TEXT = (
    ".//*[@itemprop='text' or @itemprop='commentText' or @itemprop='description']",
    ".//*[contains(@class, 'comment-content') or contains(@class, 'comment_content')]",
    ".//*[contains(@class, 'comment-text') or contains(@class, 'comment_text') or contains(@class, 'item-text')]",
    ".//*[contains(@class, 'comment-body') and not(.//*[contains(@class, 'comment-author')])]",
    f".//*[{_cls('cooked')} or {_cls('post-message')} or {_cls('contenttext')} or {_cls('content')}"
    f" or {_cls('comment-entry')} or {_cls('commentbody')} or {_cls('text')}]",
)
# Removed from a comment before its text is read: buttons, counters, forms, badges.
HTML_COMMENT_NOISE = (
    "//script | //style | //noscript | //form | //button | //template",
    "//*[contains(@class, 'reply') or contains(@class, 'report') or contains(@class, 'like')"
    " or contains(@class, 'share') or contains(@class, 'rating') or contains(@class, 'edit-link')"
    " or contains(@class, 'awaiting-moderation') or contains(@class, 'actions') or contains(@class, 'vote')"
    " or contains(@class, 'flag') or contains(@class, 'permalink')]",
)
# Wrappers that hold the replies to a comment: nesting comes from these.
HTML_CHILD_LIST_CLASS = r"(^|[-_])(children|child|replies|subcomments?|sub-comments|comment-replies|indented)($|[-_])"

# Places that list comments of other pages or of nobody: never part of the thread.
HTML_FOREIGN = (
    # an <aside> is a sidebar unless it is the comment section itself
    "//aside[not(@id='comments') and not(contains(@class, 'comments-area')) and not(contains(@class, 'comment-section'))"
    " and not(contains(@class, 'discussion'))]",
    "//nav",
    "//*[@id='sidebar' or @id='secondary' or @id='respond' or @role='complementary']",
    f"//*[{_cls('widget')} or {_cls('sidebar')} or {_cls('widget-area')} or {_cls('widget_recent_comments')}"
    f" or {_cls('recentcomments')} or {_cls('comment-respond')} or {_cls('related-posts')}]",
)

# Comment systems that draw the comments with a script (often in an iframe): a saved page holds only
# the placeholder. (name, XPath) — named in a warning when no comment was found.
HTML_COMMENT_EMBEDS = (
    ("Disqus", "//*[@id='disqus_thread'] | //iframe[contains(@src, 'disqus.com')]"),
    ("Facebook comments", f"//*[{_cls('fb-comments')}] | //iframe[contains(@src, 'facebook.com/plugins/comments')]"),
    ("Coral", "//*[@id='coral_thread' or @id='coral-thread'] | //iframe[contains(@src, 'coral')]"),
    ("OpenWeb (Spot.IM)", "//*[@data-spotim-module or contains(@class, 'spot-im') or starts-with(@id, 'spot-im')]"),
    ("Viafoura", f"//*[{_cls('viafoura')} or starts-with(local-name(), 'vf-')]"),
    ("Commento", "//*[@id='commento']"), ("Isso", "//*[@id='isso-thread']"), ("Remark42", "//*[@id='remark42']"),
    ("giscus", f"//*[{_cls('giscus')}] | //script[contains(@src, 'giscus')]"),
    ("utterances", "//script[contains(@src, 'utteranc')]"), ("Hyvor Talk", "//hyvor-talk-comments | //*[@id='hyvor-talk-view']"),
)

# Where a page names its own site (kept out of the article body when trafilatura keeps the masthead).
HTML_SITE_NAMES = ("//meta[@property='og:site_name' or @name='application-name']/@content"
                   f" | //*[{_cls('site-title')} or {_cls('site-name')} or {_cls('site-branding__title')}]")

# Elements that carry the page's own comment count ("54 Comments").
HTML_COUNT_HEADERS = (
    f"//*[{_cls('comments-title')} or @id='comments-title' or {_cls('comments-header')} or {_cls('commentsheader')}"
    f" or {_cls('w-comments-title')} or {_cls('comment-count')}]",
    "//*[@id='comments' or @id='comments-section' or contains(@class, 'comments-area')]"
    "//*[self::h1 or self::h2 or self::h3 or self::h4 or contains(@class, 'headline') or contains(@class, 'title')]",
    "//*[contains(@class, 'comments-link') or contains(@class, 'comment-count') or contains(@class, 'comments-count')]",
    "//a[contains(@href, '#comments')]",
    HTML_COMMENT_CONTAINERS + "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::th or self::header]",
    "//*[self::h2 or self::h3 or self::h4][contains(translate(., 'COMENTRGDAKHU', 'comentrgdakhu'), 'comment')"
    " or contains(., 'Gedanken') or contains(., 'Kommentar') or contains(., 'thought') or contains(., 'Response')]",
)

# --- Article metadata a page states about itself (html_meta.py) ---------------------------------
# Publication date, most explicit first: meta tags, then itemprop/pubdate markup, then a <time>
# in the article's header area. The first that parses wins; the body text is never searched.
HTML_DATE_META = (
    "//meta[@property='article:published_time' or @property='og:published_time'"
    " or @property='og:article:published_time' or @itemprop='datePublished'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'article:published_time'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'pubdate'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'publishdate'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'publish-date'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'dc.date.issued'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'dcterms.date'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'parsely-pub-date'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'sailthru.date'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'citation_publication_date'"
    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'date']/@content",
    "//*[@itemprop='datePublished'][not(self::meta)]",
    "//time[@pubdate]",
    f"//*[{_cls('published')} or {_cls('entry-date')} or {_cls('post-date')} or {_cls('dateline')}"
    f" or {_cls('article-date')} or {_cls('publish-date')} or {_cls('byline')} or {_cls('article-meta')}"
    f" or {_cls('entry-meta')} or {_cls('post-meta')}]//descendant-or-self::time",
    "(//article | //main | //*[@role='main'])[1]//time[not(ancestor::aside or ancestor::nav)][1]",
    f"//*[{_cls('published')} or {_cls('entry-date')} or {_cls('post-date')} or {_cls('dateline')}"
    f" or {_cls('article-date')} or {_cls('publish-date')} or {_cls('date')} or {_cls('timestamp')}"
    f" or {_cls('posted-on')} or {_cls('meta-date')}][not(self::time)][not(ancestor::aside or ancestor::nav)]",
    # the byline's own words: "Posted March 2, 2024 by Priya Nair", "By Jane Roe | 3 March 2024"
    f"(//article | //main | //*[@role='main'] | /html/body)[1]//*[{_cls('byline')} or {_cls('post-meta')}"
    f" or {_cls('entry-meta')} or {_cls('article-meta')} or {_cls('postmeta')} or {_cls('meta')} or {_cls('submitted')}]"
    f"[not(ancestor::aside or ancestor::nav)]",
)
# The page's own address, which often carries its date (/2024/03/03/slug).
HTML_URL_META = "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"
URL_DATE = r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/"

# JSON-LD types whose datePublished/author is the article's (a Comment's is not).
JSONLD_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle",
                        "AnalysisNewsArticle", "OpinionNewsArticle", "ScholarlyArticle", "TechArticle",
                        "SocialMediaPosting", "DiscussionForumPosting", "LiveBlogPosting", "WebPage")
# Who wrote it: meta tags, then byline markup (names, not the byline's whole sentence).
HTML_AUTHOR_META = ("//meta[translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'author'"
                    " or @property='article:author' or @name='parsely-author' or @name='sailthru.author'"
                    " or translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'dc.creator']/@content")
HTML_AUTHOR_MARKUP = (
    "//*[@itemprop='author']//*[@itemprop='name'] | //*[@itemprop='author'][not(.//*[@itemprop='name'])]",
    "//a[@rel='author'] | //*[" + _cls('author-name') + " or " + _cls('byline__name') + " or " + _cls('post-author-name')
    + " or " + _cls('entry-author-name') + " or " + _cls('article-author-name') + "]",
    "//*[" + _cls('byline') + " or " + _cls('article-byline') + " or " + _cls('byline-author') + "]",
    "//*[" + _cls('post-meta') + " or " + _cls('entry-meta') + " or " + _cls('postmeta') + " or " + _cls('submitted')
    + "]",  # "Posted … by X", Drupal's "Submitted by X on <date>"
)
# What a byline adds to a name: a role ("Education reporter", "Staff Writers"), an outlet.
# A part of an author string holding one of these words is not a name.
BYLINE_ROLE_WORDS = (
    "reporter", "reporters", "correspondent", "correspondents", "writer", "writers", "editor", "editors",
    "columnist", "columnists", "contributor", "contributors", "journalist", "journalists", "staff",
    "photographer", "photographers", "producer", "producers", "critic", "analyst", "researcher",
    "bureau", "chief", "senior", "editorial", "board", "desk", "intern", "fellow", "newsroom", "special", "updated", "published",
)
BYLINE_PREFIX = (r"^(?:(?:(?:story|words|text|written|posted|published|reported|report|photos?|articles?|posts?)\s+)?by"
                 r"|(?:view|see|more) (?:all )?(?:posts|articles|stories) by|authors?|autor(?:in)?|auteur|von)\s*:?\s+")
BYLINE_NAME_SEPARATORS = r"\s*(?:;|\||,|\s&\s|\band\b|\s[-–—]\s|/)\s*"

# A short article's own container, for when trafilatura's fallback runs its blocks together.
HTML_ARTICLE_CONTAINERS = ("//*[@itemprop='articleBody']", "//article", "//main", "//*[@role='main']",
                           f"//*[{_cls('entry-content')} or {_cls('post-content')} or {_cls('story-body')}"
                           f" or {_cls('article-body')} or {_cls('entry')}]")
# Blocks inside it that are not the article's text.
HTML_NOT_BODY = (f"ancestor-or-self::*[{_cls('byline')} or {_cls('author')} or {_cls('dateline')}"
                 f" or {_cls('post-meta')} or {_cls('entry-meta')} or {_cls('article-meta')} or {_cls('share')}"
                 f" or {_cls('caption')} or {_cls('wp-caption-text')} or self::figcaption or self::header"
                 f" or self::nav or self::aside or self::footer or self::form or self::time]")

# --- Author taglines ("Mr. Hale is a transportation researcher.") (tagline.py) ------------------
# Classes of an element that holds a note about the author, not the article's text.
HTML_TAGLINE_CLASSES = ("tagline", "author-tagline", "author-bio", "author-note", "bio", "byline-bio",
                        "contributor-note", "contributor-bio", "article-bio", "author-description",
                        "author-blurb", "writer-bio", "endnote", "article-endnote")
# The sentence of a tagline: a name (or "Mr. Surname") and what the person is or does.
TAGLINE_SENTENCE = (r"^[—–-]?\s*(?:(?:Mr|Ms|Mrs|Mx|Dr|Prof|Sen|Rep)\.?\s+)?"
                    r"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:de|van|von|da|del|[A-Z][\w'’.-]+)){0,3})"
                    r"(?:,\s[^,]{1,60},)?\s+(?:is|was|has been|are|writes|covers|teaches|lives|works|serves|"
                    r"reports|edits|directs|leads|chairs|studies|researches)\b")
TAGLINE_MAX_CHARS = 260

# --- Nesting in plain-text copies that lose indentation (text_nesting.py) -----------------------
# Substack and similar: "2 replies" under a comment's buttons, its replies shown right below.
REPLY_COUNT_LINE = r"(?P<n>\d{1,4}) (?:replies|reply)"
# Hacker News: "user 3 hours ago | root | parent | next [–]". "parent" marks a reply, "root" a
# reply to a reply; how deep, and to which comment, the copy does not say.
HN_COMMENT_HEADER = (r"^(?P<author>[\w\-]{1,40})\s+\d+\s+\w+\s+ago\b(?P<links>(?:\s*\|\s*[\w: ]{1,40}?)*)\s*"
                     r"\[(?:–|-|\+|\d+ more)\]$")
# A link aggregator's story line under its title ("318 points by urbanist_k 7 hours ago | hide |
# past | favorite | 5 comments"): the comment section's header; the line above it is the title,
# without the "(example.com)" after it.
STORY_SUBLINE = r"^-?\d+ points? by \S+ .{0,80}?\|\s*(?P<n>\d[\d,]*)\s*(?:comments?|discuss)$"
STORY_TITLE_DOMAIN = r"\s*\((?:[\w-]+\.)+[a-z]{2,}(?:/[\w./-]*)?\)$"
