/* Locale and catalogue set-up (see warroom/i18n.h). */
#include "warroom/i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "warroom/number.h"
#include "warroom/util.h"

#ifndef WARROOM_LOCALEDIR
#define WARROOM_LOCALEDIR "/usr/local/share/locale"
#endif

static enum i18n_lang lang = I18N_NONE;

/* The first of LC_ALL, LC_MESSAGES and LANG that is set: the locale the
 * user asked for messages in. */
static const char *asked_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (!str_empty(v))
			return v;
	}
	return NULL;
}

static enum i18n_lang lang_of(const char *name)
{
	if (str_empty(name) || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 ||
	    str_starts(name, "C.") || str_starts(name, "POSIX."))
		return I18N_NONE;
	if (str_starts(name, "zh")) {
		if (str_starts(name, "zh_TW") || str_starts(name, "zh_HK") || str_starts(name, "zh_MO") ||
		    strstr(name, "Hant"))
			return I18N_ZH_HANT;
		return I18N_ZH_HANS;
	}
	return I18N_ENGLISH;
}

/* Catalogues of a build that is not installed sit in its po/ folder. */
static const char *locale_dir(void)
{
#ifdef WARROOM_BUILD_ROOT
	static char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	size_t root = strlen(WARROOM_BUILD_ROOT);
	if (n > 0) {
		exe[n] = '\0';
		if (strncmp(exe, WARROOM_BUILD_ROOT, root) == 0 && exe[root] == '/')
			return WARROOM_BUILD_ROOT "/po";
	}
#endif
	return WARROOM_LOCALEDIR;
}

void i18n_init(void)
{
	const char *asked = asked_locale();
	if (!setlocale(LC_ALL, "")) {
		/* Not installed here: keep its language for the messages, which
		 * gettext takes from LANGUAGE in any locale but plain C. */
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "C");
		if (asked && str_empty(getenv("LANGUAGE")) && lang_of(asked) != I18N_NONE) {
			char *l = xstrndup(asked, strcspn(asked, ".@"));
			setenv("LANGUAGE", l, 1);
			free(l);
		}
	}
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0) {
		/* Campaign text is UTF-8 whatever the login locale says. */
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
	/* Numbers are read and written the same in every locale (3.5, not 3,5). */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain("warroom", locale_dir());
	bind_textdomain_codeset("warroom", "UTF-8");
	textdomain("warroom");

	/* The language shown: LANGUAGE's first entry counts unless messages
	 * are in the C locale, as in gettext itself. */
	const char *msgs = setlocale(LC_MESSAGES, NULL);
	lang = lang_of(msgs);
	const char *language = getenv("LANGUAGE");
	if (lang != I18N_NONE || (msgs && strcmp(msgs, "C") != 0 && strcmp(msgs, "POSIX") != 0)) {
		if (!str_empty(language)) {
			char *first = xstrndup(language, strcspn(language, ":"));
			lang = lang_of(first);
			free(first);
		}
	}
	number_set_style(lang == I18N_ZH_HANS	? NUMBER_STYLE_HANS
			 : lang == I18N_ZH_HANT ? NUMBER_STYLE_HANT
			 : lang == I18N_ENGLISH ? NUMBER_STYLE_WESTERN
						: NUMBER_STYLE_AUTO);
}

enum i18n_lang i18n_lang(void)
{
	return lang;
}

const char *i18n_context(const char *context, const char *msgid)
{
	if (str_empty(msgid))
		return msgid ? msgid : "";
	/* A catalogue keys a message with a context as "context\004msgid". */
	char *key = xasprintf("%s\004%s", context, msgid);
	const char *t = gettext(key);
	const char *out = t == key ? msgid : t;
	free(key);
	return out;
}

char *i18n_english_begin(void)
{
	/* In the C locale gettext ignores LANGUAGE and returns the msgid. */
	const char *cur = setlocale(LC_MESSAGES, NULL);
	char *saved = xstrdup(cur ? cur : "C");
	setlocale(LC_MESSAGES, "C");
	return saved;
}

void i18n_english_end(char *saved)
{
	setlocale(LC_MESSAGES, saved);
	free(saved);
}
