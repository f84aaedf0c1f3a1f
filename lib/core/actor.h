/*
 * actor.h - who acts: the person, their roles and scope, and what their
 * request lends a rule (the language of the texts it returns, the request
 * id and address of the audit rows it writes). A rule takes one instead
 * of the HTTP request, so it runs from a page, a tool or a test alike.
 *
 * Here in core/ because both sides need it: web/ fills it from the
 * session (struct req's `who`), domain/ reads it, and core/ is the one
 * folder both may include. It is a plain value: no rule, no request.
 */
#ifndef HC_ACTOR_H
#define HC_ACTOR_H

#include <stdbool.h>

/* The roles: any of these bits in actor.roles. */
#define R_STUDENT   (1u << 0)
#define R_STAFF     (1u << 1)
#define R_COUNSELOR (1u << 2)
#define R_REVIEWER  (1u << 3)
#define R_ADMIN     (1u << 4)
#define R_GATE      (1u << 5)
#define R_DORM      (1u << 6)
#define R_COLLEGE_ADMIN (1u << 7) /* an admin for one college */
#define R_DEPT_HEAD (1u << 8) /* a department's head: first review of its staff's returns */
#define R_NROLES    9
#define R_ANYONE    0x1ffu

struct actor {
	int person_id;           /* 0: nobody logged in */
	unsigned roles;
	int college_id;          /* the person's own college */
	int reviewer_college_id; /* set for college reviewers: their scope */
	int admin_college_id;    /* set for college admins: their scope */
	int head_college_id;     /* set for department heads: their unit */
	bool must_change_pw;     /* an account an admin made: /password first */
	char login[65];
	char name[65];
	char number[33];
	/* Lent by the request the actor acts in; NULL outside one (a tool,
	 * a test): the defaults below. */
	const char *lang;        /* "zh-CN" or "en"; NULL: zh-CN */
	const char *request_id;  /* in audit rows; NULL: "" */
	const char *addr;        /* the client's address, in audit rows; NULL: "" */
};

#endif
