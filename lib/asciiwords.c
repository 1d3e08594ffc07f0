/* ICU's word rules on ASCII. The classes and kinds below were measured on
 * ICU 72 (see asciiwords.h); they differ from plain UAX #29 in places: '@'
 * is a letter, the colon joins nothing, a letter run ending in a digit is
 * a number ("a1"), and a lone '_' is not a word. */
#include "ligfix.h"

#include "asciiwords.h"

enum ascii_class {
    AC_OTHER,     /* punctuation, symbols, controls (also VT, FF), DEL */
    AC_LF,
    AC_CR,
    AC_SPACE,     /* the last class that never joins a word */
    AC_MIDNUMLET, /* . and ' join two letters or two digits */
    AC_MIDNUM,    /* , and ; join two digits */
    AC_DIGIT,
    AC_LETTER,    /* A-Z a-z @ */
    AC_EXTNUMLET, /* _ joins letters and digits on either side */
};

#define LETTERS_FROM(c)                                                                      \
    [c] = AC_LETTER, [c + 1] = AC_LETTER, [c + 2] = AC_LETTER, [c + 3] = AC_LETTER,          \
    [c + 4] = AC_LETTER, [c + 5] = AC_LETTER, [c + 6] = AC_LETTER, [c + 7] = AC_LETTER,      \
    [c + 8] = AC_LETTER, [c + 9] = AC_LETTER, [c + 10] = AC_LETTER, [c + 11] = AC_LETTER,    \
    [c + 12] = AC_LETTER, [c + 13] = AC_LETTER, [c + 14] = AC_LETTER, [c + 15] = AC_LETTER,  \
    [c + 16] = AC_LETTER, [c + 17] = AC_LETTER, [c + 18] = AC_LETTER, [c + 19] = AC_LETTER,  \
    [c + 20] = AC_LETTER, [c + 21] = AC_LETTER, [c + 22] = AC_LETTER, [c + 23] = AC_LETTER,  \
    [c + 24] = AC_LETTER, [c + 25] = AC_LETTER

static const unsigned char ascii_class[128] = {
    ['\n'] = AC_LF, ['\r'] = AC_CR, [' '] = AC_SPACE,
    ['.'] = AC_MIDNUMLET, ['\''] = AC_MIDNUMLET,
    [','] = AC_MIDNUM, [';'] = AC_MIDNUM,
    ['0'] = AC_DIGIT, ['1'] = AC_DIGIT, ['2'] = AC_DIGIT, ['3'] = AC_DIGIT, ['4'] = AC_DIGIT,
    ['5'] = AC_DIGIT, ['6'] = AC_DIGIT, ['7'] = AC_DIGIT, ['8'] = AC_DIGIT, ['9'] = AC_DIGIT,
    LETTERS_FROM('A'), LETTERS_FROM('a'), ['@'] = AC_LETTER,
    ['_'] = AC_EXTNUMLET,
};

int lf_ascii_cut(unsigned char a, unsigned char b)
{
    int ca = ascii_class[a], cb = ascii_class[b];
    if (ca > AC_SPACE && cb > AC_SPACE)
        return 0; /* both may belong to one word */
    return !(ca == AC_CR && cb == AC_LF) && !(ca == AC_SPACE && cb == AC_SPACE);
}

static int in_word(int c)
{
    return c >= AC_DIGIT;
}

/* ICU's status comes from the rule that joined the last character: a
 * letter makes a word, a digit a number, and '_' takes the kind of what
 * it follows ('_' after '_' counts as a word). */
static int kind_joining(int prev, int c)
{
    if (c == AC_LETTER)
        return LIGFIX_TOKEN_WORD;
    if (c == AC_DIGIT)
        return LIGFIX_TOKEN_NUMBER;
    return prev == AC_DIGIT ? LIGFIX_TOKEN_NUMBER : LIGFIX_TOKEN_WORD;
}

static int kind_alone(int c)
{
    return c == AC_LETTER ? LIGFIX_TOKEN_WORD
           : c == AC_DIGIT ? LIGFIX_TOKEN_NUMBER
                           : LIGFIX_TOKEN_OTHER;
}

/* Whether mid joins a character of class last to another of the same
 * class after it ("e.g", "can't", "3.14", "1,000"). */
static int joins_across(int last, int mid)
{
    if (last == AC_LETTER)
        return mid == AC_MIDNUMLET;
    return last == AC_DIGIT && (mid == AC_MIDNUMLET || mid == AC_MIDNUM);
}

/* The end of the run of class c that starts at s[i]. */
static size_t run_end(const unsigned char *s, size_t i, size_t end, int c)
{
    while (i < end && ascii_class[s[i]] == c)
        i++;
    return i;
}

static size_t word_end(const unsigned char *s, size_t i, size_t end, int *kind)
{
    int last = ascii_class[s[i]];
    int k = kind_alone(last);
    for (i++;;) {
        if (last != AC_EXTNUMLET)
            i = run_end(s, i, end, last); /* more letters or digits: the kind stays */
        if (i == end)
            break;
        int c = ascii_class[s[i]];
        if (in_word(c)) {
            k = kind_joining(last, c);
            last = c;
            i++;
        } else if (joins_across(last, c) && i + 1 < end && ascii_class[s[i + 1]] == last) {
            k = kind_alone(last);
            i += 2;
        } else {
            break;
        }
    }
    *kind = k;
    return i;
}

size_t lf_ascii_segment(const unsigned char *s, size_t i, size_t end, int *kind)
{
    int c = ascii_class[s[i]];
    if (in_word(c))
        return word_end(s, i, end, kind);
    *kind = LIGFIX_TOKEN_OTHER;
    if (c == AC_CR)
        return i + 1 < end && s[i + 1] == '\n' ? i + 2 : i + 1;
    if (c == AC_SPACE) {
        for (i++; i < end && s[i] == ' ';)
            i++;
        return i;
    }
    return i + 1;
}
