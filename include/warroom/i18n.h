/* The interface in the user's language, through gettext: _() marks and
 * translates a string, N_() only marks one that is translated where it is
 * used (tables of help text), P_() picks the plural form for a count.
 * C_(context, s) translates a word that needs a context to be translated
 * well (a column header "new" is not the feedback status "new"); NC_()
 * only marks one, for i18n_context() to translate where it is used.
 * English is the source language; the catalogues are in po/. */
#ifndef WARROOM_I18N_H
#define WARROOM_I18N_H

#include <libintl.h>

/* gettext("") is the catalogue's header: an empty string stays empty. */
static inline __attribute__((format_arg(1))) char *i18n_gettext(const char *s)
{
	return *s ? gettext(s) : (char *)s;
}

#define _(s) i18n_gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ngettext(one, many, (unsigned long)(n))
#define C_(ctx, s) i18n_context(ctx, s)
#define NC_(ctx, s) (s)

/* The translation of `msgid` in `context` (msgctxt in the catalogues), or
 * msgid itself when there is none. */
const char *i18n_context(const char *context, const char *msgid);

enum i18n_lang {
	I18N_NONE = 0, /* the C locale: no language asked for */
	I18N_ENGLISH,  /* any language without a catalogue reads English */
	I18N_ZH_HANS,  /* Simplified Chinese: zh_CN, zh_SG */
	I18N_ZH_HANT,  /* Traditional Chinese: zh_TW, zh_HK, zh_MO */
};

/* Sets the locale from the environment and opens the catalogues. When the
 * locale asked for is not installed on the machine (a server with only
 * C.UTF-8), the messages still follow it: LANG=zh_CN.UTF-8 shows Chinese.
 * Text is UTF-8 whatever the login locale says. */
void i18n_init(void);

/* The language the messages are shown in. */
enum i18n_lang i18n_lang(void);

/* Messages in English until i18n_english_end(): for machine formats (TSV,
 * JSON) built from texts that are translated on the screen, such as a
 * risk's "48h left". Returns what to hand to i18n_english_end. */
char *i18n_english_begin(void);
void i18n_english_end(char *saved);

#endif
