/* The language the interface is in, and numbers and money the way each
 * language reads them. */
#include <stdlib.h>

#include "tap.h"
#include "warroom/i18n.h"
#include "warroom/metric_calc.h"
#include "warroom/number.h"

/* Runs i18n_init with only these variables set (NULL: unset). */
static enum i18n_lang lang_with(const char *lc_all, const char *lang, const char *language)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"};
	const char *vals[] = {lc_all, NULL, lang, language};
	for (size_t i = 0; i < 4; i++) {
		if (vals[i])
			setenv(vars[i], vals[i], 1);
		else
			unsetenv(vars[i]);
	}
	i18n_init();
	return i18n_lang();
}

int main(void)
{
	char buf[64];
	double v;
	enum number_kind k;

	is_int(lang_with("C.UTF-8", NULL, NULL), I18N_NONE, "C.UTF-8: no language asked for");
	is_int(number_get_style(), NUMBER_STYLE_AUTO, "so numbers go by the campaign's currency");
	ok(metric_prefers_cjk("CNY", NULL), "a CNY campaign reads 万 in the C locale");
	ok(!metric_prefers_cjk("USD", NULL), "a USD campaign reads k/M in the C locale");
	is_int(lang_with(NULL, "zh_CN.UTF-8", NULL), I18N_ZH_HANS, "LANG=zh_CN.UTF-8: Simplified Chinese");
	ok(metric_prefers_cjk("USD", NULL), "then every campaign reads 万");
	is_str(number_format(1200000, NULL, true, buf, sizeof buf), "120万", "1,200,000 is 120万");
	is_int(lang_with(NULL, "zh_CN.GB18030", NULL), I18N_ZH_HANS,
	       "a Chinese locale that is not installed keeps its language");
	is_str(getenv("LANGUAGE"), "zh_CN", "through LANGUAGE, which gettext reads in C.UTF-8");
	is_int(lang_with(NULL, "zh_TW.UTF-8", NULL), I18N_ZH_HANT, "LANG=zh_TW.UTF-8: Traditional Chinese");
	is_str(number_format(1200000, NULL, true, buf, sizeof buf), "120萬", "1,200,000 is 120萬");
	is_str(number_format(350000000, NULL, true, buf, sizeof buf), "3.5億", "350,000,000 is 3.5億");
	is_int(lang_with(NULL, "zh_HK.UTF-8", NULL), I18N_ZH_HANT, "zh_HK reads Traditional too");
	is_int(lang_with("C.UTF-8", NULL, "zh_TW:en"), I18N_ZH_HANT, "LANGUAGE's first entry counts");
	is_int(lang_with("C", NULL, "zh_TW"), I18N_NONE, "but not in the plain C locale, as gettext");
	is_int(lang_with(NULL, "en_US.UTF-8", NULL), I18N_ENGLISH, "LANG=en_US.UTF-8: English");
	ok(!metric_prefers_cjk("CNY", "元"), "then a CNY campaign reads k/M");
	is_str(number_format(1200000, NULL, false, buf, sizeof buf), "1.2M", "1,200,000 is 1.2M");

	lang_with("C.UTF-8", NULL, NULL);
	is_str(money_format(550000, "CNY", buf, sizeof buf), "¥55万", "CNY money: ¥55万");
	is_str(money_format(1200000, "USD", buf, sizeof buf), "$1.2M", "USD money: $1.2M");
	is_str(money_format(-2500, "EUR", buf, sizeof buf), "-€2500", "a negative amount: sign first");
	is_str(money_format(35000, "TWD", buf, sizeof buf), "NT$3.5万", "TWD in the C locale");
	is_str(money_format(12000, "XYZ", buf, sizeof buf), "12k XYZ", "an unknown currency by its code");
	is_str(money_format(80, NULL, buf, sizeof buf), "80", "no currency: the number");
	lang_with(NULL, "zh_TW.UTF-8", NULL);
	is_str(money_format(35000, "TWD", buf, sizeof buf), "NT$3.5萬", "TWD in zh_TW: NT$3.5萬");
	lang_with(NULL, "en_US.UTF-8", NULL);
	is_str(money_format(550000, "CNY", buf, sizeof buf), "¥550k", "CNY in English: ¥550k");

	ok(number_parse("3.5萬", &v, &k) && v == 35000, "萬 is read as 10,000");
	ok(number_parse("1.2億", &v, &k) && v == 120000000, "億 as 100,000,000");

	/* Messages: an empty one, words in a context, English for machines. */
	lang_with(NULL, "zh_CN.UTF-8", NULL);
	is_str(_(""), "", "an empty message stays empty, not the catalogue's header");
	is_str(i18n_context("column", "owner"), "负责人", "a column header translated in its context");
	is_str(i18n_context("column", "no such header"), "no such header", "an unknown word stays as it is");
	is_str(i18n_context("review", "open"), "待办", "the same word in another context");
	char *saved = i18n_english_begin();
	is_str(i18n_context("column", "owner"), "owner", "English while a machine format is written");
	is_str(_("no such campaign"), "no such campaign", "for plain messages too");
	i18n_english_end(saved);
	is_str(i18n_context("column", "owner"), "负责人", "and the language is back afterwards");
	lang_with(NULL, "zh_TW.GB18030", NULL);
	saved = i18n_english_begin();
	is_str(_("no such campaign"), "no such campaign", "also when the language comes from LANGUAGE");
	i18n_english_end(saved);
	is_str(_("no such campaign"), "沒有這個活動", "which counts again afterwards");
	lang_with("C.UTF-8", NULL, NULL);
	is_str(i18n_context("column", "owner"), "owner", "the C locale: English");
	return tap_done();
}
