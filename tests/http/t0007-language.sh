#!/usr/bin/env bash
# Chinese by default; English by choice (kept in a cookie) or by the
# browser's Accept-Language.
. "$(dirname "$0")/lib.sh"

get zh /login
check "Chinese by default" body_has "登录"
check "html lang zh-CN" body_has 'lang="zh-CN"'
get en "/login?lang=en"
check "English on request" body_has "Log in"
check "the choice is kept in a cookie" header_has "Set-Cookie: hc_lang=en"
get en /login
check "and used on the next page" body_has 'lang="en"'
get browser /login -H "Accept-Language: en-US,en;q=0.9"
check "Accept-Language en gives English" body_has "Log in"
get browser2 /login -H "Accept-Language: zh-CN,zh;q=0.9,en;q=0.8"
check "Accept-Language zh gives Chinese" body_has "登录"
