/* Leaked glyph names: some extractors (pypdf on re-distilled PDFs) write a
 * ligature glyph's name instead of its letters: "A/f_ter", "T_he",
 * "o/f_f_ice". The name spells the group, so the repair is certain once the
 * word it makes is a dictionary word (which keeps snake_case identifiers
 * such as "f_t" or "my_var" out). */
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
        if (text[i] != '_')
            continue;
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
