/* test_feed.c: the three kinds of feed read into the same item fields:
** titles, links (Atom's alternate, not its enclosure), guids, dates as
** written, authors (RSS text, dc:creator, Atom's name), the fuller of a
** summary and a content; and what is no feed refused with a reason. */
#include "unit.h"
#include "feed.h"

static const char rss[] =
    "<?xml version='1.0'?><rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'"
    " xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Wire</title>"
    "<item><title> One </title><link>http://a.test/1</link><guid>g1</guid>"
    "<pubDate>Tue, 02 Apr 2024 09:00:00 GMT</pubDate><dc:creator>Ann Writer</dc:creator>"
    "<description>short</description><content:encoded><![CDATA[<p>the longer text</p>]]></content:encoded></item>"
    "<item><title>Two</title><link>/2</link></item></channel></rss>";

static const char rdf[] =
    "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'"
    " xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>Desk</title></channel>"
    "<item rdf:about='http://b.test/x'><title>X</title><link>http://b.test/x</link><dc:date>2024-05-02</dc:date>"
    "</item></rdf:RDF>";

static const char atom[] =
    "<feed xmlns='http://www.w3.org/2005/Atom'><title>Bulletin</title><entry><title>E</title><id>urn:e</id>"
    "<link rel='enclosure' href='http://c.test/e.mp3'/><link rel='alternate' href='http://c.test/e'/>"
    "<updated>2024-06-02T10:00:00Z</updated><author><name>Bo Author</name></author>"
    "<summary>sum</summary></entry></feed>";

static void reads_rss(void **state) {
    (void)state;
    feed f;
    assert_int_equal(feed_parse(rss, strlen(rss), &f, NULL), FL_OK);
    assert_string_equal(f.kind, "rss");
    assert_string_equal(f.title, "Wire");
    assert_int_equal(f.n_items, 2);
    assert_string_equal(f.items[0].title, "One");
    assert_string_equal(f.items[0].link, "http://a.test/1");
    assert_string_equal(feed_item_key(&f.items[0]), "g1");
    assert_string_equal(f.items[0].published, "Tue, 02 Apr 2024 09:00:00 GMT");
    assert_string_equal(f.items[0].author, "Ann Writer");
    assert_string_equal(f.items[0].summary, "<p>the longer text</p>");
    assert_string_equal(feed_item_key(&f.items[1]), "/2");
    assert_null(f.items[1].published);
    feed_release(&f);
}

static void reads_rdf(void **state) {
    (void)state;
    feed f;
    assert_int_equal(feed_parse(rdf, strlen(rdf), &f, NULL), FL_OK);
    assert_string_equal(f.kind, "rdf");
    assert_string_equal(f.title, "Desk");
    assert_int_equal(f.n_items, 1);
    assert_string_equal(f.items[0].guid, "http://b.test/x");
    assert_string_equal(f.items[0].published, "2024-05-02");
    feed_release(&f);
}

static void reads_atom(void **state) {
    (void)state;
    feed f;
    assert_int_equal(feed_parse(atom, strlen(atom), &f, NULL), FL_OK);
    assert_string_equal(f.kind, "atom");
    assert_string_equal(f.title, "Bulletin");
    assert_string_equal(f.items[0].link, "http://c.test/e");
    assert_string_equal(f.items[0].guid, "urn:e");
    assert_string_equal(f.items[0].published, "2024-06-02T10:00:00Z");
    assert_string_equal(f.items[0].author, "Bo Author");
    assert_string_equal(f.items[0].summary, "sum");
    feed_release(&f);
}

static void refuses_what_is_no_feed(void **state) {
    (void)state;
    static const struct {
        const char *bytes, *why;
    } cases[] = {
        {"", "not XML"},
        {"<html><body>page</body></html>", "root is <html>"},
        {"\x01\x02 binary", "not XML"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        feed f;
        char *errmsg = NULL;
        assert_int_equal(feed_parse(cases[i].bytes, strlen(cases[i].bytes), &f, &errmsg), FL_EINVAL);
        assert_non_null(strstr(errmsg, cases[i].why));
        feed_release(&f);
        free(errmsg);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_rss),
        cmocka_unit_test(reads_rdf),
        cmocka_unit_test(reads_atom),
        cmocka_unit_test(refuses_what_is_no_feed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
