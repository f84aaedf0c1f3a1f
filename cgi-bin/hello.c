/*
 * hello.c - the benchmark's baseline: the smallest FastCGI program, served
 * by the same Apache and mod_fcgid settings as the pages. Not a page.
 */
#include <fcgiapp.h>

int main(void)
{
	FCGX_Request req;

	FCGX_Init();
	FCGX_InitRequest(&req, 0, 0);
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_PutS("Status: 200 OK\r\nContent-Type: text/plain\r\n\r\nhello\n", req.out);
		FCGX_Finish_r(&req);
	}
	return 0;
}
