/* test_idnum.c - 证件类型 and their numbers (lib/domain/idnum.h) on a
 * table of cases: the resident ID's GB 11643 check character and birth
 * date (the standard's own examples), and each other type's form. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/idnum.h"

static void table(void **state)
{
	static const struct { enum id_type t; const char *number, *error; } cases[] = {
		/* GB 11643-1999's examples, and a check digit 7 */
		{ ID_RESIDENT, "11010519491231002X", NULL },
		{ ID_RESIDENT, "440524188001010014", NULL },
		{ ID_RESIDENT, "110101199003074477", NULL },
		/* more with an X, and a leap day */
		{ ID_RESIDENT, "34052419800101001X", NULL },
		{ ID_RESIDENT, "44010620000101102X", NULL },
		{ ID_RESIDENT, "310115200002290021", NULL },
		{ ID_RESIDENT, "440304199902280019", NULL },
		/* an X where a digit belongs, a digit where the X belongs */
		{ ID_RESIDENT, "440106200001011020", "idnum.err.checksum" },
		{ ID_RESIDENT, "340524198001010010", "idnum.err.checksum" },
		/* one digit changed: the check character no longer fits */
		{ ID_RESIDENT, "110101199003074478", "idnum.err.checksum" },
		{ ID_RESIDENT, "11010519491231003X", "idnum.err.checksum" },
		{ ID_RESIDENT, "440524188001010015", "idnum.err.checksum" },
		/* a lower-case x is not how it is printed */
		{ ID_RESIDENT, "11010519491231002x", "idnum.err.chars" },
		{ ID_RESIDENT, "1101051949123100XX", "idnum.err.chars" },
		{ ID_RESIDENT, "11010519491231002", "idnum.err.length" },
		{ ID_RESIDENT, "110105194912310021X", "idnum.err.length" },
		{ ID_RESIDENT, "", "idnum.err.length" },
		/* the 15-digit first generation is no longer valid */
		{ ID_RESIDENT, "110105491231002", "idnum.err.length" },
		/* birth dates that are no day: 30 February, month 13, before 1800 */
		{ ID_RESIDENT, "110101199002304475", "idnum.err.date" },
		{ ID_RESIDENT, "110101199902301231", "idnum.err.date" },
		{ ID_RESIDENT, "110101199902290012", "idnum.err.date" },
		{ ID_RESIDENT, "110101199904310012", "idnum.err.date" },
		{ ID_RESIDENT, "110101199900100012", "idnum.err.date" },
		{ ID_RESIDENT, "44010620000101102x", "idnum.err.chars" },
		{ ID_RESIDENT, "4401062000010110 X", "idnum.err.chars" },
		{ ID_RESIDENT, "X40106200001011020", "idnum.err.chars" },
		{ ID_RESIDENT, "110101199013074477", "idnum.err.date" },
		{ ID_RESIDENT, "110101179912314477", "idnum.err.date" },
		{ ID_PASSPORT, "E12345678", NULL },
		{ ID_PASSPORT, "G1234", NULL },
		{ ID_PASSPORT, "e12345678", "idnum.err.chars" },
		{ ID_PASSPORT, "E1234-5678", "idnum.err.chars" },
		{ ID_PASSPORT, "E123", "idnum.err.length" },
		{ ID_PASSPORT, "AB1234567890123456CD", NULL },
		{ ID_PASSPORT, "AB1234567890123456CDE", "idnum.err.length" },
		{ ID_PASSPORT, "E 1234567", "idnum.err.chars" },
		{ ID_HK_MACAU, "H12345678", NULL },
		{ ID_HK_MACAU, "M1234567890", NULL },
		{ ID_HK_MACAU, "A12345678", "idnum.err.prefix" },
		{ ID_HK_MACAU, "H1234567A", "idnum.err.chars" },
		{ ID_HK_MACAU, "H1234567", "idnum.err.length" },
		{ ID_HK_MACAU, "h12345678", "idnum.err.prefix" },
		{ ID_HK_MACAU, "H123456789", "idnum.err.length" },
		{ ID_TAIWAN, "12345678", NULL },
		{ ID_TAIWAN, "1234567890", NULL },
		{ ID_TAIWAN, "1234567A", "idnum.err.chars" },
		{ ID_TAIWAN, "123456789", "idnum.err.length" },
		{ ID_FOREIGN_PR, "USA117901234561", NULL },
		{ ID_FOREIGN_PR, "CAN310002290017", NULL },
		{ ID_FOREIGN_PR, "usa117901234561", "idnum.err.chars" },
		{ ID_FOREIGN_PR, "USA117913234561", "idnum.err.date" },
		{ ID_FOREIGN_PR, "USA119902304561", "idnum.err.date" },
		{ ID_FOREIGN_PR, "911000202301010036", NULL },
		{ ID_FOREIGN_PR, "911000202302300036", "idnum.err.date" },
		{ ID_FOREIGN_PR, "910000202001011239", NULL },
		{ ID_FOREIGN_PR, "910000202001011238", "idnum.err.checksum" },
		{ ID_FOREIGN_PR, "110101199003074477", "idnum.err.prefix" },
		{ ID_FOREIGN_PR, "USA11790123456", "idnum.err.length" },
		{ ID_FOREIGN_PR, "91100020230101003", "idnum.err.length" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = id_number_error(cases[i].t, cases[i].number);

		if (cases[i].error == NULL)
			assert_string_equal(got ? got : "(valid)", "(valid)");
		else
			assert_string_equal(got ? got : "(valid)", cases[i].error);
	}
}

static void type_names(void **state)
{
	enum id_type t;

	(void)state;
	for (int i = 0; i < ID_TYPES; i++) {
		assert_true(id_type_parse(id_type_names[i], &t));
		assert_int_equal(t, i);
	}
	assert_null(id_type_names[ID_TYPES]);
	assert_false(id_type_parse("driving_licence", &t));
	assert_false(id_type_parse(NULL, &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
		cmocka_unit_test(type_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
