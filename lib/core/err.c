/* err.c - see err.h. */
#include "core/err.h"

NERR_TYPE HC_ERR_BADREQ, HC_ERR_FORBIDDEN, HC_ERR_NOTFOUND, HC_ERR_CONFLICT,
	HC_ERR_TOOLARGE, HC_ERR_TOOMANY, HC_ERR_DBDOWN, HC_ERR_RETRY, HC_ERR_METHOD;

void err_init(void)
{
	nerr_init();
	nerr_register(&HC_ERR_BADREQ, "BadRequest");
	nerr_register(&HC_ERR_FORBIDDEN, "Forbidden");
	nerr_register(&HC_ERR_NOTFOUND, "NotFound");
	nerr_register(&HC_ERR_CONFLICT, "Conflict");
	nerr_register(&HC_ERR_TOOLARGE, "TooLarge");
	nerr_register(&HC_ERR_TOOMANY, "TooMany");
	nerr_register(&HC_ERR_DBDOWN, "DatabaseDown");
	nerr_register(&HC_ERR_RETRY, "Retry");
	nerr_register(&HC_ERR_METHOD, "MethodNotAllowed");
}
