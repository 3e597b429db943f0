from bot.core.readers.html import HtmlReader

STORY = [
    "The fisherman Cormac found the woman asleep in his nets one morning in March.",
    "She would not say her name, but she sang in a language like wind over shingle.",
]


def wordpress_page(*posts: str) -> bytes:
    """A post's page as WordPress themes set it, saved with File > Save Page As."""
    articles = "".join(
        f'<article class="post"><header class="entry-header"><h1 class="entry-title">{title}</h1>'
        '<div class="entry-meta">Posted on May 2, 2021 by Ines Carrow</div></header><div class="entry-content">'
        + "".join(f"<p>{text}</p>" for text in STORY)
        + '<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li></ul></div>'
        '<div class="jp-relatedposts"><h3>Related</h3><p><a href="/b">The Drowned Bell</a> In "Stories"</p></div>'
        '</div><footer class="entry-footer">Posted in Stories, tagged selkie</footer></article>'
        for title in posts
    )
    return (
        "<html><head><title>The Gull Wife, Part One | Marram Grass Stories</title></head><body>"
        '<header class="site-header"><p class="site-title">Marram Grass Stories</p></header><main>'
        f'{articles}<div id="comments" class="comments-area"><h2>3 thoughts on "The Gull Wife"</h2>'
        "<p>I loved the part where she sang to the herring! Is Cormac going to marry her?</p></div></main>"
        '<aside class="widget-area"><h2>About Me</h2><p>I write about the sea and selkies.</p></aside>'
        "<footer>© 2021 Marram Grass Stories. Proudly powered by WordPress.</footer></body></html>"
    ).encode()


def test_a_blog_post_saved_from_its_page_is_read_without_the_site_around_it():
    # The readers' comments, the sidebar, the share and related-post widgets, the date and tags were read as the
    # story: "Who sang to the herring?" was answered from a reader's comment.
    story = HtmlReader().read(wordpress_page("The Gull Wife, Part One"))
    assert story.title == "The Gull Wife, Part One"
    assert [block.text for block in story.blocks] == STORY


def test_a_blogs_page_of_several_posts_is_read_whole():
    story = HtmlReader().read(wordpress_page("The Gull Wife, Part One", "The Gull Wife, Part Two"))
    texts = " ".join(block.text for block in story.blocks)
    assert texts.count(STORY[0]) == 2 and "Marram Grass Stories" in texts


def test_a_sidebars_latest_post_is_not_the_pages_story():
    # The sidebar's widget sets its post's first line in the post's own classes: the page was read as that line.
    page = (
        "<html><head><title>The Gull Wife</title></head><body><main>"
        + "".join(f"<p>{text}</p>" for text in STORY)
        + '</main><aside class="widget"><h3 class="entry-title">Latest post: Notes on the Fleet</h3>'
        '<div class="entry-content"><p>A short update on what I am writing next.</p></div></aside></body></html>'
    )
    texts = [block.text for block in HtmlReader().read(page.encode()).blocks]
    assert texts[:2] == STORY


def test_the_text_after_a_widget_in_the_post_is_kept():
    page = (
        '<html><body><h1 class="entry-title">The Gull Wife</h1><div class="entry-content"><p>'
        f'{STORY[0]}<span class="sharedaddy">Share this</span> {STORY[1]}</p></div></body></html>'
    )
    assert [block.text for block in HtmlReader().read(page.encode()).blocks] == [" ".join(STORY)]
