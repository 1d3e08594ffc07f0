/* Leaked glyph names: some extractors (pypdf on re-distilled PDFs) write a
 * ligature glyph's name instead of its letters: "A/f_ter", "T_he",
 * "o/f_f_ice". The name spells the group, so the repair is certain once the
 * word it makes is a dictionary word (which keeps snake_case identifiers
 * such as "f_t" or "my_var" out). */
#include <stdint.h>
#include <string.h>

#include "casing.h"
#include "glyphname.h"

static int ascii_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

/* A glyph name at s[i]: [/]L(_L)+ spelling a known group. Returns its
 * length (0 if none) and writes the group's letters to out. */
static size_t glyph_name_at(const char *s, size_t n, size_t i, char *out, size_t *out_len)
{
    size_t k = i, o = 0;
    if (s[k] == '/')
        k++;
    if (k >= n || !ascii_letter(s[k]))
        return 0;
    out[o++] = s[k++];
    while (k + 1 < n && s[k] == '_' && ascii_letter(s[k + 1]) && o < 3) {
        out[o++] = s[k + 1];
        k += 2;
    }
    if (o < 2 || lf_group_find(out, o) < 0)
        return 0;
    /* a capital group (Th) keeps its capital; others are lower case */
    int g = lf_group_find(out, o);
    if (!(lf_groups[g].flags & LF_GROUP_CAPITAL))
        for (size_t j = 0; j < o; j++)
            if (out[j] >= 'A' && out[j] <= 'Z')
                return 0;
    *out_len = o;
    return k - i;
}

/* Word characters around a glyph name: ASCII letters, any non-ASCII byte
 * (letters, presentation forms) and the names themselves. */
static int word_byte(char ch) { return ascii_letter(ch) || (unsigned char)ch >= 0x80; }

/* Spells out the word text[ws..we): glyph names and presentation forms
 * become letters. Returns the length, 0 if it does not fit. */
static size_t spell_word(const char *text, size_t ws, size_t we, char *out, size_t cap,
                         int *group)
{
    size_t o = 0;
    *group = -1;
    for (size_t k = ws; k < we;) {
        char letters[4];
        size_t nl = 0, nlen = glyph_name_at(text, we, k, letters, &nl);
        const char *add = NULL;
        size_t alen = 1, skip = 1;
        if (nlen && (text[k] == '/' || (k + 1 < we && text[k + 1] == '_'))) {
            add = letters;
            alen = nl;
            skip = nlen;
            if (*group < 0)
                *group = lf_group_find(letters, nl);
        } else if ((add = lf_presentation_form_at(text + k, we - k)) != NULL) {
            alen = strlen(add);
            skip = 3;
        } else {
            add = text + k;
        }
        if (o + alen >= cap)
            return 0;
        memcpy(out + o, add, alen);
        o += alen;
        k += skip;
    }
    out[o] = '\0';
    return o;
}

int lf_glyphname_scan(const char *text, size_t len, lf_glyphname_fn fn, void *ud)
{
    for (size_t i = 0; i < len; i++) {
        const char *u = memchr(text + i, '_', len - i); /* names are rare: skip to one */
        if (!u)
            break;
        i = (size_t)(u - text);
        /* the name starts one letter (and maybe a slash) before the '_' */
        if (i < 1 || !ascii_letter(text[i - 1]))
            continue;
        size_t start = i - 1;
        if (start >= 1 && text[start - 1] == '/')
            start--;
        char letters[4];
        size_t nl = 0, nlen = glyph_name_at(text, len, start, letters, &nl);
        if (!nlen)
            continue;
        /* the whole word around it, with any further names in it */
        size_t ws = start, we = start + nlen;
        while (ws > 0 && word_byte(text[ws - 1]))
            ws--;
        for (;;) {
            while (we < len && word_byte(text[we]))
                we++;
            size_t more = we < len ? glyph_name_at(text, len, we, letters, &nl) : 0;
            if (!more || text[we] != '/')
                break;
            we += more;
        }
        char word[LF_CAND_MAX + 1];
        int group;
        size_t n = spell_word(text, ws, we, word, sizeof word, &group);
        /* a name alone ("f_t") is more likely an identifier than a word */
        if (n == 0 || group < 0 || n <= (size_t)lf_groups[group].len) {
            i = we;
            continue;
        }
        if (fn(ud, ws, we, word, n, group) < 0)
            return -1;
        i = we;
    }
    return 0;
}

/* ---- byte-swapped letters ------------------------------------------------ */

/* The letter a swapped code point at s stands for (3 UTF-8 bytes of
 * U+XX00, XX an ASCII letter), 0 if it is none. */
static char swapped_letter(const char *s, size_t n)
{
    if (n < 3)
        return 0;
    unsigned char b0 = (unsigned char)s[0], b1 = (unsigned char)s[1], b2 = (unsigned char)s[2];
    if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80)
        return 0;
    unsigned cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    if (cp & 0xFF)
        return 0;
    char ch = (char)(cp >> 8);
    return ascii_letter(ch) ? ch : 0;
}

/* An apostrophe inside a word: ' or U+2019; its length, 0 if none. */
static size_t apostrophe_at(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '\'')
        return 1;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0x99)
        return 3;
    return 0;
}

/* One step of the scan from i: a word, or a byte that begins none. Returns
 * where the next step begins, or SIZE_MAX when fn failed. */
static size_t swapped_step(const char *text, size_t len, size_t i, lf_glyphname_fn fn, void *ud)
{
    /* a word: ASCII letters, swapped letters, apostrophes between letters */
    size_t ws = i, we = i;
    int swapped = 0;
    while (we < len) {
        size_t ap;
        if (ascii_letter(text[we])) {
            we++;
        } else if (swapped_letter(text + we, len - we)) {
            we += 3;
            swapped = 1;
        } else if (we > ws && (ap = apostrophe_at(text + we, len - we)) != 0 &&
                   we + ap < len && ascii_letter(text[we + ap])) {
            we += ap;
        } else {
            break;
        }
    }
    if (we == ws) {
        /* not a word byte: skip it (a whole UTF-8 sequence at a time) */
        i++;
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
        return i;
    }
    /* glued to another non-ASCII character (a stray code point, a
     * presentation form): the placeholder units deal with the word */
    if (!swapped || (we < len && (unsigned char)text[we] >= 0x80) ||
        (ws > 0 && ((unsigned char)text[ws - 1] >= 0x80)))
        return we;
    char word[LF_CAND_MAX + 1];
    size_t o = 0;
    int group = -1, ok = 1;
    for (size_t k = ws; k < we && ok;) {
        char ch = swapped_letter(text + k, we - k);
        if (!ch) {
            if (o + 1 > LF_CAND_MAX) {
                ok = 0;
                break;
            }
            word[o++] = text[k++];
            continue;
        }
        /* a run of swapped letters must spell one group */
        char run[4];
        size_t rn = 0;
        while (k < we && (ch = swapped_letter(text + k, we - k)) != 0) {
            if (rn == 3) {
                ok = 0;
                break;
            }
            run[rn++] = ch;
            k += 3;
        }
        int g = ok ? lf_group_find(run, rn) : -1;
        if (g < 0 || rn < 2 || o + rn > LF_CAND_MAX) {
            ok = 0;
            break;
        }
        /* lower case, but a capital group (Th) may start the word */
        for (size_t j = 0; j < rn; j++)
            if (run[j] >= 'A' && run[j] <= 'Z' &&
                !(j == 0 && o == 0 && (lf_groups[g].flags & LF_GROUP_CAPITAL)))
                ok = 0;
        memcpy(word + o, run, rn);
        o += rn;
        if (group < 0)
            group = g;
    }
    /* a group alone is no evidence of a word */
    if (!ok || group < 0 || o <= (size_t)lf_groups[group].len)
        return we;
    word[o] = '\0';
    return fn(ud, ws, we, word, o, group) < 0 ? SIZE_MAX : we;
}

/* The first swapped letter at or after i, or len. Eight bytes at a time
 * past text without a byte of 0xE0 or more (the lead of every swapped
 * letter), and back to that pace after such a byte that leads none (a
 * curly quote, a dash). */
static size_t next_swapped(const char *text, size_t len, size_t i)
{
    while (i < len) {
        for (; i + 8 <= len; i += 8) {
            uint64_t v;
            memcpy(&v, text + i, 8);
            if (v & (v << 1) & (v << 2) & 0x8080808080808080ULL)
                break;
        }
        for (size_t end = i + 8 < len ? i + 8 : len; i < end; i++)
            if (((unsigned char)text[i] & 0xFC) == 0xE4 && swapped_letter(text + i, len - i))
                return i;
    }
    return len;
}

/* Where a step of the scan begins: any ASCII byte that is no letter and no
 * apostrophe (no word goes past one, and no byte sequence the scan skips
 * takes one in). */
static int step_start(char ch)
{
    return (unsigned char)ch < 0x80 && !ascii_letter(ch) && ch != '\'';
}

int lf_swapped_scan(const char *text, size_t len, lf_glyphname_fn fn, void *ud)
{
    /* Words with swapped letters are rare: the scan jumps to the step
     * that reaches the next swapped letter, the steps between finding
     * nothing to report. */
    for (size_t i = 0; i < len;) {
        size_t p = next_swapped(text, len, i);
        if (p == len)
            return 0;
        size_t r = p;
        while (r > i && !step_start(text[r]))
            r--;
        for (i = r; i <= p && i < len;)
            if ((i = swapped_step(text, len, i, fn, ud)) == SIZE_MAX)
                return -1;
    }
    return 0;
}
