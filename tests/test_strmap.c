/* The string map (lib/strmap.c): put, get, growth, clear, binary keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "strmap.h"

#define PUT(m, k, v) lf_strmap_put((m), (k), strlen(k), (v))
#define GET(m, k) lf_strmap_get((m), (k), strlen(k))

static size_t key_of(size_t i, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "key-%zu-%zx", i, i * 2654435761u);
    ck_assert(n > 0 && (size_t)n < cap);
    return (size_t)n;
}

START_TEST(test_empty)
{
    lf_strmap m;
    lf_strmap_init(&m);
    ck_assert_uint_eq(lf_strmap_count(&m), 0);
    ck_assert_ptr_null(GET(&m, "after"));
    ck_assert_ptr_null(lf_strmap_get(&m, "", 0));
    lf_strmap_clear(&m); /* clearing an empty map is fine */
    ck_assert_uint_eq(lf_strmap_count(&m), 0);
    lf_strmap_free(&m);
    lf_strmap_free(&m); /* and freeing twice */
}
END_TEST

START_TEST(test_put_get)
{
    lf_strmap m;
    lf_strmap_init(&m);
    uint32_t *v = PUT(&m, "after", 7);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(*v, 7);
    ck_assert_uint_eq(lf_strmap_count(&m), 1);
    v = GET(&m, "after");
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(*v, 7);
    /* a second put finds the key and keeps its value */
    v = PUT(&m, "after", 99);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(*v, 7);
    ck_assert_uint_eq(lf_strmap_count(&m), 1);
    /* the slot is writable */
    *v = 42;
    ck_assert_uint_eq(*GET(&m, "after"), 42);
    /* prefixes and extensions are other keys */
    ck_assert_ptr_null(GET(&m, "aft"));
    ck_assert_ptr_null(GET(&m, "afterwards"));
    ck_assert_ptr_null(GET(&m, "After"));
    ck_assert_ptr_null(lf_strmap_get(&m, "after", 4));
    ck_assert_uint_eq(*lf_strmap_get(&m, "afterwards", 5), 42);
    /* the empty key is a key */
    ck_assert_ptr_nonnull(lf_strmap_put(&m, "", 0, 3));
    ck_assert_uint_eq(*lf_strmap_get(&m, "", 0), 3);
    ck_assert_uint_eq(lf_strmap_count(&m), 2);
    /* the caller's key buffer is copied */
    char buf[16];
    strcpy(buf, "better");
    PUT(&m, buf, 11);
    strcpy(buf, "xxxxxx");
    ck_assert_uint_eq(*GET(&m, "better"), 11);
    ck_assert_ptr_null(GET(&m, "xxxxxx"));
    /* values cover the full 32 bits */
    PUT(&m, "max", 0xFFFFFFFFu);
    PUT(&m, "zero", 0);
    ck_assert_uint_eq(*GET(&m, "max"), 0xFFFFFFFFu);
    ck_assert_uint_eq(*GET(&m, "zero"), 0);
    lf_strmap_free(&m);
}
END_TEST

START_TEST(test_grow)
{
    lf_strmap m;
    lf_strmap_init(&m);
    const size_t n = 20000;
    char key[64];
    for (size_t i = 0; i < n; i++) {
        size_t kl = key_of(i, key, sizeof key);
        uint32_t *v = lf_strmap_put(&m, key, kl, (uint32_t)(i * 3 + 1));
        ck_assert_ptr_nonnull(v);
        ck_assert_uint_eq(*v, i * 3 + 1);
        ck_assert_uint_eq(lf_strmap_count(&m), i + 1);
        /* an early key stays findable through every growth */
        if (i % 997 == 0) {
            size_t k0 = key_of(0, key, sizeof key);
            ck_assert_uint_eq(*lf_strmap_get(&m, key, k0), 1);
        }
    }
    /* every key, after the last growth */
    for (size_t i = 0; i < n; i++) {
        size_t kl = key_of(i, key, sizeof key);
        uint32_t *v = lf_strmap_get(&m, key, kl);
        ck_assert_msg(v != NULL, "key %zu lost", i);
        ck_assert_uint_eq(*v, i * 3 + 1);
    }
    ck_assert_ptr_null(GET(&m, "key-not-there"));
    /* re-putting changes nothing */
    for (size_t i = 0; i < n; i += 7) {
        size_t kl = key_of(i, key, sizeof key);
        ck_assert_uint_eq(*lf_strmap_put(&m, key, kl, 0), i * 3 + 1);
    }
    ck_assert_uint_eq(lf_strmap_count(&m), n);
    /* the load factor stays at most a half */
    ck_assert_uint_ge(m.nslots, 2 * n);
    lf_strmap_free(&m);
}
END_TEST

START_TEST(test_long_keys)
{
    /* keys longer than the first arena */
    lf_strmap m;
    lf_strmap_init(&m);
    static char big[3][20000];
    for (int k = 0; k < 3; k++) {
        memset(big[k], 'a' + k, sizeof big[k]);
        ck_assert_ptr_nonnull(lf_strmap_put(&m, big[k], sizeof big[k], (uint32_t)k + 100));
    }
    for (int k = 0; k < 3; k++)
        ck_assert_uint_eq(*lf_strmap_get(&m, big[k], sizeof big[k]), (uint32_t)k + 100);
    ck_assert_ptr_null(lf_strmap_get(&m, big[0], sizeof big[0] - 1));
    lf_strmap_free(&m);
}
END_TEST

START_TEST(test_clear)
{
    lf_strmap m;
    lf_strmap_init(&m);
    char key[64];
    for (size_t i = 0; i < 5000; i++) {
        size_t kl = key_of(i, key, sizeof key);
        lf_strmap_put(&m, key, kl, (uint32_t)i);
    }
    ck_assert_uint_eq(lf_strmap_count(&m), 5000);
    lf_strmap_clear(&m);
    ck_assert_uint_eq(lf_strmap_count(&m), 0);
    for (size_t i = 0; i < 5000; i += 13) {
        size_t kl = key_of(i, key, sizeof key);
        ck_assert_ptr_null(lf_strmap_get(&m, key, kl));
    }
    /* usable again, with fresh values for old keys */
    for (size_t i = 0; i < 6000; i++) {
        size_t kl = key_of(i, key, sizeof key);
        uint32_t *v = lf_strmap_put(&m, key, kl, (uint32_t)(i + 7));
        ck_assert_ptr_nonnull(v);
        ck_assert_uint_eq(*v, i + 7);
    }
    ck_assert_uint_eq(lf_strmap_count(&m), 6000);
    for (size_t i = 0; i < 6000; i++) {
        size_t kl = key_of(i, key, sizeof key);
        ck_assert_uint_eq(*lf_strmap_get(&m, key, kl), i + 7);
    }
    lf_strmap_free(&m);
}
END_TEST

/* Keys are told apart by their first 8 bytes kept in the entry and, when
 * longer, by the rest in the arena. */
START_TEST(test_shared_heads)
{
    lf_strmap m;
    lf_strmap_init(&m);
    static const char *const keys[] = {"abcdefgh", "abcdefghi", "abcdefghj", "abcdefgh\0",
                                       "abcdefg", "abcdefgi", "abcdefghijklmnopq",
                                       "abcdefghijklmnopr"};
    static const size_t lens[] = {8, 9, 9, 9, 7, 8, 17, 17};
    for (uint32_t k = 0; k < 8; k++)
        ck_assert_ptr_nonnull(lf_strmap_put(&m, keys[k], lens[k], k));
    ck_assert_uint_eq(lf_strmap_count(&m), 8);
    for (uint32_t k = 0; k < 8; k++)
        ck_assert_uint_eq(*lf_strmap_get(&m, keys[k], lens[k]), k);
    ck_assert_ptr_null(lf_strmap_get(&m, "abcdefghk", 9));
    ck_assert_ptr_null(lf_strmap_get(&m, "abcdefghijklmnops", 17));
    lf_strmap_free(&m);
}
END_TEST

START_TEST(test_binary_keys)
{
    lf_strmap m;
    lf_strmap_init(&m);
    /* keys differing only after a NUL, or by trailing NULs */
    const char k1[] = "ab\0cd", k2[] = "ab\0ce", k3[] = "ab";
    ck_assert_ptr_nonnull(lf_strmap_put(&m, k1, 5, 1));
    ck_assert_ptr_nonnull(lf_strmap_put(&m, k2, 5, 2));
    ck_assert_ptr_nonnull(lf_strmap_put(&m, k3, 2, 3));
    ck_assert_ptr_nonnull(lf_strmap_put(&m, k3, 3, 4)); /* "ab\0" */
    ck_assert_ptr_nonnull(lf_strmap_put(&m, "\0", 1, 5));
    ck_assert_ptr_nonnull(lf_strmap_put(&m, "\0\0", 2, 6));
    ck_assert_uint_eq(lf_strmap_count(&m), 6);
    ck_assert_uint_eq(*lf_strmap_get(&m, k1, 5), 1);
    ck_assert_uint_eq(*lf_strmap_get(&m, k2, 5), 2);
    ck_assert_uint_eq(*lf_strmap_get(&m, k3, 2), 3);
    ck_assert_uint_eq(*lf_strmap_get(&m, k3, 3), 4);
    ck_assert_uint_eq(*lf_strmap_get(&m, "\0", 1), 5);
    ck_assert_uint_eq(*lf_strmap_get(&m, "\0\0", 2), 6);
    ck_assert_ptr_null(lf_strmap_get(&m, "\0\0\0", 3));
    ck_assert_ptr_null(lf_strmap_get(&m, "", 0));
    /* every byte value */
    unsigned char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (unsigned char)i;
    for (int i = 0; i < 256; i++)
        ck_assert_ptr_nonnull(lf_strmap_put(&m, (const char *)all + i, 1, (uint32_t)(1000 + i)));
    for (int i = 0; i < 256; i++) {
        uint32_t *v = lf_strmap_get(&m, (const char *)all + i, 1);
        ck_assert_ptr_nonnull(v);
        /* "\0" was put before with value 5 */
        ck_assert_uint_eq(*v, i == 0 ? 5 : (uint32_t)(1000 + i));
    }
    ck_assert_ptr_nonnull(lf_strmap_put(&m, (const char *)all, 256, 77));
    ck_assert_uint_eq(*lf_strmap_get(&m, (const char *)all, 256), 77);
    ck_assert_uint_eq(lf_strmap_count(&m), 6 + 255 + 1);
    lf_strmap_free(&m);
}
END_TEST

START_TEST(test_hash)
{
    ck_assert(lf_hash("after", 5) == lf_hash("afterwards", 5));
    ck_assert(lf_hash("after", 5) != lf_hash("After", 5));
    ck_assert(lf_hash("ab\0c", 4) != lf_hash("ab\0d", 4));
    ck_assert(lf_hash("a", 1) != lf_hash("a\0", 2));
    /* a few thousand keys spread over the slots: no bucket takes many */
    static unsigned counts[1024];
    memset(counts, 0, sizeof counts);
    char key[64];
    for (size_t i = 0; i < 8192; i++) {
        size_t kl = key_of(i, key, sizeof key);
        counts[lf_hash(key, kl) & 1023]++;
    }
    for (int b = 0; b < 1024; b++)
        ck_assert_uint_lt(counts[b], 40);
}
END_TEST

/* The overlapping loads read exactly the key's bytes, byte k at bits
 * 8k.., zero-padded, at every length and alignment. */
START_TEST(test_load_short)
{
    char buf[32];
    for (int t = 0; t < 2000; t++) {
        for (size_t k = 0; k < sizeof buf; k++)
            buf[k] = (char)(rand() & 0xFF);
        for (size_t at = 0; at < 8; at++)
            for (size_t n = 0; n <= 8; n++) {
                uint64_t want = 0;
                for (size_t k = 0; k < n; k++)
                    want |= (uint64_t)(unsigned char)buf[at + k] << (8 * k);
                ck_assert_msg(lf_load_short(buf + at, n) == want, "n=%zu at=%zu", n, at);
            }
    }
}
END_TEST

Suite *suite_strmap(void)
{
    Suite *s = suite_create("strmap");
    TCase *tc = tcase_create("strmap");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_put_get);
    tcase_add_test(tc, test_grow);
    tcase_add_test(tc, test_long_keys);
    tcase_add_test(tc, test_clear);
    tcase_add_test(tc, test_binary_keys);
    tcase_add_test(tc, test_shared_heads);
    tcase_add_test(tc, test_hash);
    tcase_add_test(tc, test_load_short);
    suite_add_tcase(s, tc);
    return s;
}
