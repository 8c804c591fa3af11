/* The interface in the user's language, through gettext: _() marks and
 * translates a string, N_() only marks one that is translated where it is
 * used (tables of help text), P_() picks the plural form for a count.
 * English is the source language; the catalogues are in po/. */
#ifndef WARROOM_I18N_H
#define WARROOM_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ngettext(one, many, (unsigned long)(n))

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

#endif
