/*
 * demogen.c - a deterministic demo university for healthcard, as SQL.
 *
 *   demogen --students N --days D --today YYYY-MM-DD [--seed S] \
 *       | mariadb healthcard
 *
 * Writes one transaction of multi-row INSERTs for an empty schema
 * (sql/001_schema.sql); every id is explicit and starts at 1, so rows refer
 * to each other without lookups.
 *
 * The data model (DOMAIN.md has the product):
 *   - org_units: one school (code SCH), about one college per 1,500
 *     students (3..30), classes of about 30 undergraduates per cohort
 *     (计科2301, ...). Graduate students have no class.
 *   - people: the fixed demo accounts first (ids 1..7: student, grad,
 *     counselor, reviewer, admin, gate, dorm), then the other counselors
 *     (one per ~200 students of a college), the other college reviewers,
 *     then the students in college order. `student` and `grad` belong to
 *     the first college and to counselor 3. Everyone has an account whose
 *     login is their number (the demo accounts: their role name) and whose
 *     password is "demo"; the argon2id hash is computed once into @pw_hash.
 *   - one term around --today, two return batches (第一批 open since
 *     today-3, 第二批 later), a roster of ~95% of the students.
 *   - daily_reports for today-D .. today-1, ~93% per day, misses clustered
 *     per person by a two-state chain; ~0.3% anomalies, cleared but for ten
 *     open ones (each with an open queue item). Students who arrived have
 *     the 14 days before arrival complete, as the gate demands; `student`
 *     and `grad` report every day and never today.
 *   - return_applications in every state, with the reviews, travel legs and
 *     queue items those states imply; arrivals (gate, then dorm for
 *     boarders) for about half of the approved first-batch students.
 *
 * Determinism: all randomness comes from one splitmix64 stream seeded by
 * --seed and drawn in a fixed order, and "today" is an argument, never the
 * clock; the same arguments give byte-identical output except for the
 * salted password hash line.
 */
#include <sodium.h>

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS_PER_INSERT 1000
#define STUDENTS_PER_COLLEGE 1500
#define STUDENTS_PER_CLASS 30
#define STUDENTS_PER_COUNSELOR 200
#define MIN_COLLEGES 3
#define MAX_COLLEGES 30
#define MIN_STUDENTS 100
#define MAX_STUDENTS 500000
#define MAX_DAYS 366
#define OPEN_ANOMALIES 10
#define STREAK_DAYS 14
#define DORM_FLOORS 6
#define ROOMS_PER_FLOOR 30
#define BEDS_PER_ROOM 4
#define SECS_PER_DAY 86400
#define HOUR 3600
#define SCHOOL_CITY "北京"
#define SCHOOL_NAME "京华大学"

/* The fixed demo accounts, in id order. */
enum {
	ID_STUDENT = 1, ID_GRAD, ID_COUNSELOR, ID_REVIEWER, ID_ADMIN, ID_GATE,
	ID_DORM, FIXED_ACCOUNTS = ID_DORM
};

enum { TERM_ID = 1, BATCH_FIRST = 1, BATCH_SECOND = 2 };
enum { GATE_EAST = 1, GATE_WEST = 2, GATE_DORM = 3 };

/* Seconds since 1970-01-01 00:00 in the school's time zone. */
typedef long long moment;

/* ------------------------------------------------------------------ */
/* The PRNG: splitmix64, the only source of randomness.               */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static int rng_below(int n)
{
	return (int)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int rng_range(int lo, int hi)
{
	return lo + rng_below(hi - lo + 1);
}

static bool rng_chance(double p)
{
	return (double)(rng_next() >> 11) * 0x1.0p-53 < p;
}

#define RNG_PICK(list) ((list)[rng_below((int)(sizeof(list) / sizeof((list)[0])))])
#define COUNT(list) ((int)(sizeof(list) / sizeof((list)[0])))

/* ------------------------------------------------------------------ */
/* Output: one buffer in front of stdout, and SQL literal writers.     */

static char out_buf[1 << 20];
static size_t out_len;

static void out_flush(void)
{
	if (out_len > 0 && fwrite(out_buf, 1, out_len, stdout) != out_len) {
		perror("demogen: stdout");
		exit(1);
	}
	out_len = 0;
}

static void out_mem(const char *s, size_t n)
{
	if (out_len + n > sizeof(out_buf))
		out_flush();
	memcpy(out_buf + out_len, s, n);
	out_len += n;
}

static void out_char(char c)
{
	if (out_len == sizeof(out_buf))
		out_flush();
	out_buf[out_len++] = c;
}

static void out_str(const char *s)
{
	out_mem(s, strlen(s));
}

static void out_int(long long v)
{
	char tmp[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
				     : (unsigned long long)v;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		out_char('-');
	while (n > 0)
		out_char(tmp[--n]);
}

/* A string literal; ' and \ are doubled so any text is safe. */
static void out_quoted(const char *s)
{
	out_char('\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			out_char(*s);
		out_char(*s);
	}
	out_char('\'');
}

static void out_quoted_or_null(const char *s)
{
	if (s == NULL)
		out_str("NULL");
	else
		out_quoted(s);
}

static void out_int_or_null(long long v, bool present)
{
	if (present)
		out_int(v);
	else
		out_str("NULL");
}

/* A temperature in tenths of a degree, as a DECIMAL literal: 36.5 */
static void out_tenths(int t)
{
	out_int(t / 10);
	out_char('.');
	out_char((char)('0' + t % 10));
}

/* Multi-row INSERTs: the head is written before the first row of each
 * statement, and a statement is closed every ROWS_PER_INSERT rows. */
struct insert {
	const char *head;
	int rows;
};

static void row_begin(struct insert *ins)
{
	if (ins->rows == 0) {
		out_str(ins->head);
		out_str(" VALUES\n(");
	} else {
		out_str(",\n(");
	}
}

static void row_end(struct insert *ins)
{
	out_char(')');
	if (++ins->rows == ROWS_PER_INSERT) {
		out_str(";\n");
		ins->rows = 0;
	}
}

static void insert_end(struct insert *ins)
{
	if (ins->rows > 0)
		out_str(";\n");
	ins->rows = 0;
}

/* ------------------------------------------------------------------ */
/* Calendar days (days since 1970-01-01), after H. Hinnant.           */

static int day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void day_to_ymd(int day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* "YYYY-MM-DD" to a day number, or -1 if it is not a real date. */
static int day_parse(const char *s)
{
	int y, m, d, day, y2, m2, d2;
	char tail;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	day = day_from_ymd(y, m, d);
	day_to_ymd(day, &y2, &m2, &d2);
	return (y2 == y && m2 == m && d2 == d) ? day : -1;
}

static void put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

/* Writes "YYYY-MM-DD" (10 bytes, no terminator). */
static void day_format(int day, char *p)
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	put2(p, y / 100);
	put2(p + 2, y % 100);
	p[4] = '-';
	put2(p + 5, m);
	p[7] = '-';
	put2(p + 8, d);
}

/* A bare YYYY-MM-DD, for comments. */
static void out_day(int day)
{
	char b[10];

	day_format(day, b);
	out_mem(b, 10);
}

static void out_date(int day)
{
	char b[12];

	b[0] = '\'';
	day_format(day, b + 1);
	b[11] = '\'';
	out_mem(b, 12);
}

static moment moment_at(int day, int secs)
{
	return (moment)day * SECS_PER_DAY + secs;
}

static int day_of(moment t)
{
	return (int)(t / SECS_PER_DAY);
}

static void out_moment(moment t)
{
	char b[21];
	int secs = (int)(t % SECS_PER_DAY);

	b[0] = '\'';
	day_format(day_of(t), b + 1);
	b[11] = ' ';
	put2(b + 12, secs / HOUR);
	b[14] = ':';
	put2(b + 15, secs / 60 % 60);
	b[17] = ':';
	put2(b + 18, secs % 60);
	b[20] = '\'';
	out_mem(b, 21);
}

static void out_moment_or_null(moment t)
{
	if (t == 0)
		out_str("NULL");
	else
		out_moment(t);
}

/* ------------------------------------------------------------------ */
/* Static tables: colleges, places, names, phrases.                    */

struct major_spec {
	const char *abbr;   /* in class names: 计科2301 */
	const char *code;   /* in class codes: CS2301, unique across majors */
};

struct college_spec {
	const char *name;
	const char *code;
	struct major_spec majors[3];
};

static const struct college_spec college_specs[MAX_COLLEGES] = {
	{ "计算机与信息技术学院", "CIT", { { "计科", "CS" }, { "软件", "SW" }, { "网络", "NW" } } },
	{ "经济管理学院", "SEM", { { "经济", "EC" }, { "会计", "AC" }, { "工商", "BA" } } },
	{ "电气工程学院", "SEE", { { "电气", "EE" }, { "自动化", "AU" }, { NULL, NULL } } },
	{ "机械与电子控制工程学院", "SME", { { "机械", "ME" }, { "车辆", "VE" }, { NULL, NULL } } },
	{ "土木建筑工程学院", "SCE", { { "土木", "CE" }, { "工管", "CM" }, { NULL, NULL } } },
	{ "交通运输学院", "STT", { { "交运", "TT" }, { "物流", "LG" }, { NULL, NULL } } },
	{ "理学院", "SCI", { { "数学", "MA" }, { "物理", "PH" }, { NULL, NULL } } },
	{ "外国语学院", "SFL", { { "英语", "EN" }, { "日语", "JA" }, { NULL, NULL } } },
	{ "文学院", "SLA", { { "汉语言", "CL" }, { "新闻", "JN" }, { NULL, NULL } } },
	{ "法学院", "LAW", { { "法学", "LW" }, { NULL, NULL }, { NULL, NULL } } },
	{ "马克思主义学院", "SMX", { { "思政", "PE" }, { NULL, NULL }, { NULL, NULL } } },
	{ "化学与化工学院", "SCC", { { "化学", "CH" }, { "化工", "CN" }, { NULL, NULL } } },
	{ "生命科学与生物工程学院", "SLS", { { "生物", "BI" }, { "生工", "BE" }, { NULL, NULL } } },
	{ "材料科学与工程学院", "SMS", { { "材料", "MS" }, { NULL, NULL }, { NULL, NULL } } },
	{ "环境科学与工程学院", "SES", { { "环境", "EV" }, { "环科", "ES" }, { NULL, NULL } } },
	{ "建筑与艺术学院", "SAA", { { "建筑", "AR" }, { "设计", "DS" }, { NULL, NULL } } },
	{ "软件学院", "SSE", { { "软工", "SE" }, { NULL, NULL }, { NULL, NULL } } },
	{ "电子信息工程学院", "SEI", { { "电信", "ET" }, { "通信", "CO" }, { NULL, NULL } } },
	{ "语言与传播学院", "SLC", { { "传播", "MC" }, { "广告", "AD" }, { NULL, NULL } } },
	{ "体育学院", "SPE", { { "体教", "SP" }, { NULL, NULL }, { NULL, NULL } } },
	{ "医学院", "SMD", { { "临床", "MD" }, { "护理", "NS" }, { NULL, NULL } } },
	{ "药学院", "SPH", { { "药学", "PM" }, { NULL, NULL }, { NULL, NULL } } },
	{ "公共管理学院", "SPA", { { "行管", "PA" }, { "社保", "SS" }, { NULL, NULL } } },
	{ "历史文化学院", "SHC", { { "历史", "HI" }, { NULL, NULL }, { NULL, NULL } } },
	{ "教育学院", "SED", { { "教育", "ED" }, { "心理", "PS" }, { NULL, NULL } } },
	{ "音乐学院", "SMU", { { "音乐", "MU" }, { NULL, NULL }, { NULL, NULL } } },
	{ "能源与动力工程学院", "SEP", { { "能动", "EP" }, { NULL, NULL }, { NULL, NULL } } },
	{ "航空航天学院", "SAS", { { "飞行器", "AE" }, { NULL, NULL }, { NULL, NULL } } },
	{ "海洋学院", "SOC", { { "海洋", "OC" }, { NULL, NULL }, { NULL, NULL } } },
	{ "农学院", "SAG", { { "农学", "AG" }, { NULL, NULL }, { NULL, NULL } } },
};

struct region {
	const char *code;   /* the id card's first six digits */
	const char *place;  /* for home addresses */
	const char *city;   /* for daily reports */
	bool far;           /* flying is the usual way back */
};

/* The first BEIJING_REGIONS entries are in the school's city. */
#define BEIJING_REGIONS 6
static const struct region regions[] = {
	{ "110101", "北京市东城区", SCHOOL_CITY, false },
	{ "110102", "北京市西城区", SCHOOL_CITY, false },
	{ "110105", "北京市朝阳区", SCHOOL_CITY, false },
	{ "110106", "北京市丰台区", SCHOOL_CITY, false },
	{ "110108", "北京市海淀区", SCHOOL_CITY, false },
	{ "110114", "北京市昌平区", SCHOOL_CITY, false },
	{ "120101", "天津市和平区", "天津", false },
	{ "130102", "河北省石家庄市长安区", "石家庄", false },
	{ "130203", "河北省唐山市路北区", "唐山", false },
	{ "140105", "山西省太原市小店区", "太原", false },
	{ "150102", "内蒙古自治区呼和浩特市新城区", "呼和浩特", false },
	{ "210102", "辽宁省沈阳市和平区", "沈阳", false },
	{ "220102", "吉林省长春市南关区", "长春", false },
	{ "230102", "黑龙江省哈尔滨市道里区", "哈尔滨", true },
	{ "310104", "上海市徐汇区", "上海", false },
	{ "320102", "江苏省南京市玄武区", "南京", false },
	{ "320505", "江苏省苏州市虎丘区", "苏州", false },
	{ "330106", "浙江省杭州市西湖区", "杭州", false },
	{ "340104", "安徽省合肥市蜀山区", "合肥", false },
	{ "350102", "福建省福州市鼓楼区", "福州", true },
	{ "360102", "江西省南昌市东湖区", "南昌", false },
	{ "370102", "山东省济南市历下区", "济南", false },
	{ "370202", "山东省青岛市市南区", "青岛", false },
	{ "410105", "河南省郑州市金水区", "郑州", false },
	{ "420106", "湖北省武汉市武昌区", "武汉", false },
	{ "430102", "湖南省长沙市芙蓉区", "长沙", false },
	{ "440106", "广东省广州市天河区", "广州", true },
	{ "440304", "广东省深圳市福田区", "深圳", true },
	{ "450103", "广西壮族自治区南宁市青秀区", "南宁", true },
	{ "460105", "海南省海口市秀英区", "海口", true },
	{ "500103", "重庆市渝中区", "重庆", true },
	{ "510104", "四川省成都市锦江区", "成都", true },
	{ "520102", "贵州省贵阳市南明区", "贵阳", true },
	{ "530102", "云南省昆明市五华区", "昆明", true },
	{ "610113", "陕西省西安市雁塔区", "西安", false },
	{ "620102", "甘肃省兰州市城关区", "兰州", true },
	{ "630102", "青海省西宁市城东区", "西宁", true },
	{ "640104", "宁夏回族自治区银川市兴庆区", "银川", true },
	{ "650102", "新疆维吾尔自治区乌鲁木齐市天山区", "乌鲁木齐", true },
};

/* Indexes of the demo accounts' homes in regions[]. */
#define REGION_HAIDIAN 4
#define REGION_SHIJIAZHUANG 7

static const char *const abroad_cities[] = {
	"东京", "首尔", "新加坡", "伦敦", "悉尼", "多伦多",
};

static const char *const roads[] = {
	"人民路", "解放路", "中山路", "建设路", "和平路", "文化路", "胜利路",
	"新华路", "朝阳路", "光明路", "幸福路", "友谊路", "青年路", "学院路",
	"长江路", "黄河路", "迎宾大道", "工业大街",
};

/* The first COMMON_SURNAMES are drawn more often, as in life. */
#define COMMON_SURNAMES 20
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
	"徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
	"梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
	"程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
	"苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎",
	"余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
	"范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆",
	"郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史",
	"顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤",
};

static const char *const compound_surnames[] = {
	"欧阳", "司马", "诸葛", "上官", "慕容", "东方",
};

static const char *const male_given[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "鹏", "浩",
	"宇", "航", "博", "文", "斌", "辉", "刚", "健", "峰", "俊", "凯",
	"鑫", "宁", "晨", "阳", "轩", "泽", "睿", "哲", "昊", "然", "子",
	"一", "志", "建", "国", "海", "天", "龙", "飞", "思", "嘉", "毅",
	"旭", "诚", "硕", "远",
};

static const char *const female_given[] = {
	"静", "敏", "丽", "芳", "娟", "婷", "雪", "琳", "洁", "颖", "慧",
	"欣", "怡", "悦", "彤", "萱", "雨", "梦", "佳", "瑶", "琪", "晴",
	"璐", "蕾", "楠", "倩", "薇", "妍", "诗", "涵", "月", "玉", "兰",
	"霞", "燕", "秀", "婉", "思", "嘉", "一", "子", "晓",
};

static const char *const submit_reasons[] = {
	"按学校通知返校，参加本学期课程学习",
	"返校参加课程学习和期中考试",
	"返校开展课题组实验工作",
	"返校准备毕业论文及答辩",
	"返校参加学院实习实训安排",
	"按批次安排返校，已完成14天健康监测",
};

static const char *const send_back_reasons[] = {
	"行程信息填写不完整，请补充车次或航班号",
	"返校事由过于简单，请补充说明",
	"请核对承诺事项后重新提交",
	"请填写实际出发地，与基本信息中的家庭住址不一致",
};

static const char *const reject_reasons[] = {
	"不在本批次返校范围内，请等待后续通知",
	"近14日有中高风险地区旅居史，暂缓返校",
	"未完成返校前健康监测，暂不批准",
};

static const char *const flight_codes[] = {
	"CA", "MU", "CZ", "HU", "3U", "ZH",
};

static const char *const phone_prefixes[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"135", "136", "137", "138", "139", "150", "151", "152", "158", "159",
	"177", "180", "182", "186", "187", "188", "189",
};

/* ------------------------------------------------------------------ */
/* The plan: everything decided before the first row is written.       */

enum identity { UNDERGRAD, GRAD };
enum gender { MALE, FEMALE };
enum whereabouts { AT_HOME, IN_CITY_OFF_CAMPUS, STAYED_ON_CAMPUS, ABROAD };
enum diligence { DILIGENT, AVERAGE, SLOPPY };
enum staff_role {
	ROLE_COUNSELOR, ROLE_REVIEWER, ROLE_ADMIN, ROLE_GATE, ROLE_DORM
};
enum app_state {
	APP_NONE, APP_DRAFT, APP_FIRST_REVIEW, APP_SENT_BACK, APP_EVIDENCE,
	APP_SECOND_REVIEW, APP_APPROVED, APP_REJECTED
};
enum travel_mode { MODE_TRAIN, MODE_FLIGHT, MODE_BUS, MODE_CAR };

static const char *const app_state_names[] = {
	NULL, "draft", "first_review", "sent_back", "evidence",
	"second_review", "approved", "rejected",
};
static const char *const mode_names[] = { "train", "flight", "bus", "car" };
static const char *const role_names[] = {
	"counselor", "reviewer", "admin", "gate", "dorm",
};

struct student {
	int id;
	int number;              /* 学号: yy cc ssss */
	int college;             /* index into plan.colleges */
	int class_id;            /* 0: none */
	int counselor_id;
	int cohort;              /* year of entry */
	char name[16];
	const char *surname;
	char phone[12];
	enum identity identity;
	enum gender gender;
	bool boarding;
	int region;              /* home, index into regions[] */
	int dorm_building, dorm_room;
	enum whereabouts whereabouts;
	int abroad_city;
	enum diligence diligence;
	bool full_history;       /* the demo accounts: never miss a day */
	int batch;               /* 0: not on the roster */
	bool arrived;
	int arrival_day;
	moment arrival_at, moved_in_at;  /* moved_in_at 0: not moved in */
	bool has_trip;
	int trip_from, trip_days, trip_region;
	int open_anomaly_day;    /* 0: none */
	long long open_report_id;
	moment open_report_at;
	/* The running state of the report generator. */
	bool missed_yesterday;
	const char *prev_city;
	bool prev_in_city, prev_on_campus;
	int in_city_run;         /* consecutive reported days in the city */
	int last_report_day;
};

struct staff_member {
	int id;
	int college;             /* -1: the whole school */
	enum staff_role role;
	const char *login;       /* NULL: the number */
	char name[16];
	enum gender gender;
	char phone[12];
	int region;
	int birth_year;
};

struct college {
	const struct college_spec *spec;
	int nmajors;
	int org_id;
	int nstudents;
	int ncounselors;
	int counselor_ids[100];  /* enough for MAX_STUDENTS */
	int reviewer_id;
};

struct class_unit {
	int id;
	int college, major, cohort, seq;
};

struct application {
	long long id;
	int student;             /* index into plan.students */
	enum app_state state;
	moment quiz, pledge;
	moment earlier_send_back; /* an earlier submission was sent back
				   * then; 0 if not */
	moment submitted, first_decided, evidence_done, second_decided;
	moment updated;
	int reject_stage;        /* 1 or 2, for APP_REJECTED */
	const char *reason;      /* the student's 返校事由 */
	const char *decision_reason;
	bool has_legs, needs_pickup, tested_locally;
	enum travel_mode mode;
	char number[12];         /* train or flight; "" by road */
	int travel_day;
};

struct plan {
	int nstudents, days, today;
	unsigned long long seed;
	int academic_year;       /* the year the academic year starts */
	bool first_semester;
	int term_start, term_end;
	int batch_from[3], batch_until[3];
	int ncolleges;
	struct college colleges[MAX_COLLEGES];
	struct class_unit *classes;
	int nclasses;
	struct staff_member *staff;
	int nstaff;
	struct student *students;  /* in id order */
	struct application *apps;  /* in id order */
	int napps;
	long long nreports;
	char pw_hash[crypto_pwhash_STRBYTES];
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size);

	if (p == NULL) {
		fputs("demogen: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* ------------------------------------------------------------------ */
/* People: names, phones, id cards.                                   */

static const char *random_surname(void)
{
	if (rng_chance(0.01))
		return RNG_PICK(compound_surnames);
	if (rng_chance(0.6))
		return surnames[rng_below(COMMON_SURNAMES)];
	return RNG_PICK(surnames);
}

static void random_given_name(enum gender g, char *out, size_t size)
{
	const char *a, *b = "";

	if (g == MALE) {
		a = RNG_PICK(male_given);
		if (rng_chance(0.7))
			b = RNG_PICK(male_given);
	} else {
		a = RNG_PICK(female_given);
		if (rng_chance(0.7))
			b = RNG_PICK(female_given);
	}
	snprintf(out, size, "%s%s", a, b);
}

static void random_name(enum gender g, char out[16], const char **surname)
{
	char given[12];

	*surname = random_surname();
	random_given_name(g, given, sizeof(given));
	snprintf(out, 16, "%s%s", *surname, given);
}

static void random_phone(char out[12])
{
	const char *prefix = RNG_PICK(phone_prefixes);

	memcpy(out, prefix, 3);
	for (int i = 3; i < 11; i++)
		out[i] = (char)('0' + rng_below(10));
	out[11] = '\0';
}

static int random_region(double share_in_city)
{
	if (rng_chance(share_in_city))
		return rng_below(BEIJING_REGIONS);
	return rng_range(BEIJING_REGIONS, COUNT(regions) - 1);
}

/* An 18-character 居民身份证号: region, birth date, a sequence whose last
 * digit is odd for men, and the ISO 7064 MOD 11-2 check character (which
 * is 'X' about one time in eleven). */
static void random_id_card(char out[32], int region, int birth_year,
			   enum gender g)
{
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
					 10, 5, 8, 4, 2 };
	int month = rng_range(1, 12);
	int mday = rng_range(1, 28);
	int seq = rng_below(500) * 2 + (g == MALE ? 1 : 0);
	int sum = 0;

	snprintf(out, 32, "%.6s%04d%02d%02d%03d", regions[region].code,
		 birth_year % 10000, month, mday, seq);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * weights[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* 学11-305: undergraduate building 11, room 305; graduates live in 研. */
static void format_dorm(char out[32], enum identity identity, int building,
			int room)
{
	snprintf(out, 32, "%s%d-%d", identity == GRAD ? "研" : "学",
		 building % 1000, room % 1000);
}

/* ------------------------------------------------------------------ */
/* Planning: the term, colleges, staff, students.                     */

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

/* A moment on a day, uniform between two hours. */
static moment moment_between(int day, int from_hour, int to_hour)
{
	return moment_at(day, from_hour * HOUR +
			 rng_below((to_hour - from_hour) * HOUR));
}

static void plan_term(struct plan *p)
{
	int y, m, d;

	day_to_ymd(p->today, &y, &m, &d);
	/* Autumn terms run from September into January. */
	p->academic_year = m >= 8 ? y : y - 1;
	p->first_semester = m >= 8 || m == 1;
	p->term_start = p->today - 100;
	p->term_end = p->today + 60;
	p->batch_from[BATCH_FIRST] = p->today - 3;
	p->batch_until[BATCH_FIRST] = p->today + 7;
	p->batch_from[BATCH_SECOND] = p->today + 8;
	p->batch_until[BATCH_SECOND] = p->today + 20;
}

static void plan_colleges(struct plan *p)
{
	int n = p->nstudents;

	p->ncolleges = clamp((n + STUDENTS_PER_COLLEGE / 2) / STUDENTS_PER_COLLEGE,
			     MIN_COLLEGES, MAX_COLLEGES);
	for (int c = 0; c < p->ncolleges; c++) {
		struct college *col = &p->colleges[c];

		col->spec = &college_specs[c];
		col->nmajors = 0;
		while (col->nmajors < 3 && col->spec->majors[col->nmajors].abbr)
			col->nmajors++;
		col->org_id = 2 + c;
		col->nstudents = n / p->ncolleges + (c < n % p->ncolleges);
		col->ncounselors = clamp((col->nstudents + STUDENTS_PER_COUNSELOR / 2)
					 / STUDENTS_PER_COUNSELOR, 1,
					 COUNT(col->counselor_ids));
	}
}

static void make_staff(struct staff_member *m, int id, int college,
		       enum staff_role role, const char *login,
		       const char *name, enum gender g)
{
	const char *surname;

	m->id = id;
	m->college = college;
	m->role = role;
	m->login = login;
	m->gender = g;
	if (name != NULL)
		snprintf(m->name, sizeof(m->name), "%s", name);
	else
		random_name(g, m->name, &surname);
	random_phone(m->phone);
	m->region = random_region(0.5);
	m->birth_year = rng_range(1968, 1996);
}

/* Staff ids: the fixed counselor, reviewer, admin, gate and dorm accounts
 * (3..7), then the other counselors college by college, then the other
 * college reviewers. Returns the first student id after them. */
static int plan_staff(struct plan *p)
{
	int total_counselors = 0;
	int next_id = FIXED_ACCOUNTS + 1;

	for (int c = 0; c < p->ncolleges; c++)
		total_counselors += p->colleges[c].ncounselors;
	p->nstaff = total_counselors + p->ncolleges + 3;
	p->staff = xcalloc((size_t)p->nstaff, sizeof(*p->staff));

	make_staff(&p->staff[ID_COUNSELOR - 3], ID_COUNSELOR, 0, ROLE_COUNSELOR,
		   "counselor", "王芳", FEMALE);
	make_staff(&p->staff[ID_REVIEWER - 3], ID_REVIEWER, 0, ROLE_REVIEWER,
		   "reviewer", "赵建国", MALE);
	make_staff(&p->staff[ID_ADMIN - 3], ID_ADMIN, -1, ROLE_ADMIN,
		   "admin", "刘洋", MALE);
	make_staff(&p->staff[ID_GATE - 3], ID_GATE, -1, ROLE_GATE,
		   "gate", "陈刚", MALE);
	make_staff(&p->staff[ID_DORM - 3], ID_DORM, -1, ROLE_DORM,
		   "dorm", "杨秀英", FEMALE);
	p->colleges[0].counselor_ids[0] = ID_COUNSELOR;
	p->colleges[0].reviewer_id = ID_REVIEWER;

	for (int c = 0; c < p->ncolleges; c++) {
		struct college *col = &p->colleges[c];

		for (int k = (c == 0); k < col->ncounselors; k++) {
			make_staff(&p->staff[next_id - 3], next_id, c,
				   ROLE_COUNSELOR, NULL, NULL,
				   rng_chance(0.55) ? FEMALE : MALE);
			col->counselor_ids[k] = next_id++;
		}
	}
	for (int c = 1; c < p->ncolleges; c++) {
		make_staff(&p->staff[next_id - 3], next_id, c, ROLE_REVIEWER,
			   NULL, NULL, rng_chance(0.4) ? FEMALE : MALE);
		p->colleges[c].reviewer_id = next_id++;
	}
	return next_id;
}

static void make_student(struct student *s, int college, enum identity identity,
			 int cohort, int class_id, int seq)
{
	s->college = college;
	s->identity = identity;
	s->cohort = cohort;
	s->class_id = class_id;
	s->number = (cohort % 100) * 1000000 + (college + 1) * 10000 + seq;
	s->gender = rng_chance(0.5) ? FEMALE : MALE;
	random_name(s->gender, s->name, &s->surname);
	random_phone(s->phone);
	s->boarding = rng_chance(0.85);
	/* Day students live in the city; boarders come from everywhere. */
	s->region = s->boarding ? random_region(0.4) : random_region(1.0);
}

static struct class_unit *add_class(struct plan *p, int college, int major,
				    int cohort, int seq)
{
	struct class_unit *cl = &p->classes[p->nclasses++];

	cl->id = 2 + p->ncolleges + p->nclasses - 1;
	cl->college = college;
	cl->major = major;
	cl->cohort = cohort;
	cl->seq = seq;
	return cl;
}

/* One college's students, in order: undergraduates cohort by cohort and
 * class by class, then graduate students (who have no class). Counselors
 * take contiguous runs, so a counselor has whole classes. */
static int plan_college_students(struct plan *p, int c, struct student *out)
{
	struct college *col = &p->colleges[c];
	int n = col->nstudents;
	int nundergrad = (n * 3 + 2) / 4;
	int ngrad = n - nundergrad;
	int made = 0;

	for (int k = 0; k < 4; k++) {
		int cohort = p->academic_year - 3 + k;
		int size = nundergrad / 4 + (k < nundergrad % 4);
		int nclass = max_int(1, (size + STUDENTS_PER_CLASS / 2) /
					STUDENTS_PER_CLASS);
		int first_class = p->nclasses;

		if (size == 0)
			continue;
		for (int j = 0; j < nclass; j++)
			add_class(p, c, j % col->nmajors, cohort,
				  j / col->nmajors + 1);
		for (int j = 0; j < size; j++) {
			int cls = first_class + (int)((long long)j * nclass / size);

			make_student(&out[made++], c, UNDERGRAD, cohort,
				     p->classes[cls].id, j + 1);
		}
	}
	for (int k = 0; k < 3; k++) {
		int cohort = p->academic_year - 2 + k;
		int size = ngrad / 3 + (k < ngrad % 3);

		for (int j = 0; j < size; j++)
			make_student(&out[made++], c, GRAD, cohort, 0, 5001 + j);
	}
	for (int i = 0; i < made; i++)
		out[i].counselor_id =
			col->counselor_ids[(long long)i * col->ncounselors / made];
	return made;
}

/* The first student of the first college with this identity and cohort
 * (or any cohort, if none). */
static int find_demo_student(const struct student *all, int n,
			     enum identity identity, int cohort)
{
	int any = -1;

	for (int i = 0; i < n && all[i].college == 0; i++) {
		if (all[i].identity != identity)
			continue;
		if (all[i].cohort == cohort)
			return i;
		if (any < 0)
			any = i;
	}
	return any;
}

static void make_demo_student(struct student *s, int id, const char *name,
			      const char *surname, enum gender g, int region)
{
	s->id = id;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->surname = surname;
	s->gender = g;
	s->boarding = true;
	s->region = region;
	s->counselor_id = ID_COUNSELOR;
	s->full_history = true;
}

/* Boarders fill rooms in college and class order, four to a room, so
 * that roommates are classmates. Men's buildings are numbered from 1,
 * women's after them (from 11 while the men's fit in ten). */
static void plan_dorms(struct student *all, int n)
{
	int per_building = DORM_FLOORS * ROOMS_PER_FLOOR * BEDS_PER_ROOM;
	int boarders[2][2] = { { 0 } };  /* [identity][gender] */
	int beds[2][2] = { { 0 } };

	for (int i = 0; i < n; i++)
		if (all[i].boarding)
			boarders[all[i].identity][all[i].gender]++;
	for (int i = 0; i < n; i++) {
		struct student *s = &all[i];
		int men_buildings, first, room;

		if (!s->boarding)
			continue;
		men_buildings = (boarders[s->identity][MALE] + per_building - 1) /
				per_building;
		first = s->gender == MALE ? 1 : max_int(11, men_buildings + 1);
		room = beds[s->identity][s->gender]++ / BEDS_PER_ROOM;
		s->dorm_building = first + room / (DORM_FLOORS * ROOMS_PER_FLOOR);
		s->dorm_room = (room / ROOMS_PER_FLOOR % DORM_FLOORS + 1) * 100 +
			       room % ROOMS_PER_FLOOR + 1;
	}
}

/* All students in id order: `student` (1) and `grad` (2) first, then the
 * rest, in college order, from first_id. */
static void plan_students(struct plan *p, int first_id)
{
	struct student *all = xcalloc((size_t)p->nstudents, sizeof(*all));
	int made = 0, iu, ig, next = 2;

	p->classes = xcalloc((size_t)(p->nstudents / 15 + 4 * MAX_COLLEGES + 8),
			     sizeof(*p->classes));
	for (int c = 0; c < p->ncolleges; c++)
		made += plan_college_students(p, c, all + made);

	iu = find_demo_student(all, made, UNDERGRAD, p->academic_year - 1);
	ig = find_demo_student(all, made, GRAD, p->academic_year - 1);
	if (iu < 0 || ig < 0) {
		fputs("demogen: too few students for the demo accounts\n", stderr);
		exit(1);
	}
	make_demo_student(&all[iu], ID_STUDENT, "张明", "张", MALE,
			  REGION_SHIJIAZHUANG);
	make_demo_student(&all[ig], ID_GRAD, "李静", "李", FEMALE,
			  REGION_HAIDIAN);
	plan_dorms(all, made);

	p->students = xcalloc((size_t)p->nstudents, sizeof(*p->students));
	p->students[0] = all[iu];
	p->students[1] = all[ig];
	for (int i = 0; i < made; i++) {
		if (i == iu || i == ig)
			continue;
		p->students[next] = all[i];
		p->students[next].id = first_id + next - 2;
		next++;
	}
	free(all);
}

/* ------------------------------------------------------------------ */
/* Planning: roster, whereabouts, applications, arrivals, anomalies.   */

static int random_batch(void)
{
	return rng_chance(0.55) ? BATCH_FIRST : BATCH_SECOND;
}

static enum whereabouts random_whereabouts(const struct student *s)
{
	if (s->batch == 0) {
		/* Not on the return list: never left, abroad, or staying home. */
		int r = rng_below(100);

		return r < 50 ? STAYED_ON_CAMPUS : r < 60 ? ABROAD : AT_HOME;
	}
	if (s->identity == GRAD && rng_chance(0.4))
		return IN_CITY_OFF_CAMPUS;
	return AT_HOME;
}

static enum diligence random_diligence(void)
{
	int r = rng_below(100);

	return r < 70 ? DILIGENT : r < 90 ? AVERAGE : SLOPPY;
}

static enum app_state random_app_state(void)
{
	static const struct { enum app_state state; int percent; } mix[] = {
		{ APP_NONE, 30 }, { APP_DRAFT, 10 }, { APP_FIRST_REVIEW, 10 },
		{ APP_SENT_BACK, 3 }, { APP_EVIDENCE, 10 },
		{ APP_SECOND_REVIEW, 10 }, { APP_APPROVED, 25 },
		{ APP_REJECTED, 2 },
	};
	int r = rng_below(100);

	for (int i = 0; i < COUNT(mix); i++) {
		if (r < mix[i].percent)
			return mix[i].state;
		r -= mix[i].percent;
	}
	return APP_NONE;
}

/* A few people travel to another city for some days at the start of the
 * period, so that location changes show up in the lists. */
static void plan_trip(const struct plan *p, struct student *s)
{
	if (s->full_history || s->whereabouts == ABROAD ||
	    s->whereabouts == STAYED_ON_CAMPUS || !rng_chance(0.04))
		return;
	s->has_trip = true;
	s->trip_from = p->today - p->days + rng_below(max_int(1, p->days * 2 / 3));
	s->trip_days = rng_range(2, 6);
	do
		s->trip_region = rng_range(BEIJING_REGIONS, COUNT(regions) - 1);
	while (s->trip_region == s->region);
}

static bool lives_in_city(const struct student *s)
{
	return s->region < BEIJING_REGIONS;
}

static void plan_travel_mode(const struct student *s, struct application *a)
{
	char *number = a->number;
	size_t size = sizeof(a->number);

	if (lives_in_city(s))
		a->mode = rng_chance(0.6) ? MODE_CAR : MODE_BUS;
	else if (regions[s->region].far)
		a->mode = rng_chance(0.7) ? MODE_FLIGHT : MODE_TRAIN;
	else
		a->mode = rng_chance(0.85) ? MODE_TRAIN : MODE_BUS;
	number[0] = '\0';
	if (a->mode == MODE_TRAIN)
		snprintf(number, size, "%c%d", rng_chance(0.75) ? 'G' : 'D',
			 rng_range(1, 999));
	else if (a->mode == MODE_FLIGHT)
		snprintf(number, size, "%s%04d", RNG_PICK(flight_codes),
			 rng_range(1000, 9999));
}

/* How many decisions and submissions follow the (last) submission. */
static int steps_after_submission(const struct application *a)
{
	switch (a->state) {
	case APP_SENT_BACK:
	case APP_EVIDENCE:
		return 1;
	case APP_SECOND_REVIEW:
		return 2;
	case APP_APPROVED:
		return 3;
	case APP_REJECTED:
		return a->reject_stage == 1 ? 1 : 3;
	default:
		return 0;
	}
}

static void plan_draft(const struct plan *p, struct application *a)
{
	int day = p->today - rng_range(1, 10);

	a->updated = moment_between(day, 8, 23);
	if (rng_chance(0.7)) {
		a->quiz = a->updated;
		if (rng_chance(0.6))
			a->pledge = a->quiz + rng_range(120, 600);
		a->updated = a->pledge ? a->pledge : a->quiz;
	}
}

/* Submitted applications: one step a day from the submission on, the
 * reviews in office hours, everything before today. Approved ones were
 * decided before the first batch opened, so arrivals follow approval. */
static void plan_submitted(const struct plan *p, struct application *a)
{
	int steps = steps_after_submission(a);
	int day;
	moment first_submit;

	if (a->state == APP_FIRST_REVIEW)
		day = p->today - rng_range(1, 4);
	else if (a->state == APP_APPROVED)
		day = p->today - 3 - rng_range(3, 10);
	else
		day = p->today - steps - rng_range(1, 8);
	a->submitted = moment_between(day, 8, 23);
	first_submit = a->submitted;
	if (a->state != APP_SENT_BACK && rng_chance(0.1)) {
		/* Sent back once at the first review, then resubmitted. */
		a->earlier_send_back = moment_between(day - 1, 9, 18);
		first_submit = moment_between(day - 2, 8, 23);
	}
	/* The quiz and the pledge a day or two before the first submission. */
	a->quiz = moment_between(day_of(first_submit) - rng_range(1, 2), 8, 23);
	a->pledge = a->quiz + rng_range(120, 480);
	a->updated = a->submitted;
	if (steps >= 1)
		a->updated = a->first_decided = moment_between(day + 1, 9, 18);
	if (steps >= 2)
		a->updated = a->evidence_done = moment_between(day + 2, 8, 23);
	if (steps >= 3)
		a->updated = a->second_decided = moment_between(day + 3, 9, 18);
}

static void plan_application(const struct plan *p, struct student *s,
			     struct application *a)
{
	a->student = (int)(s - p->students);
	a->state = random_app_state();
	if (a->state == APP_NONE)
		return;
	if (a->state == APP_REJECTED)
		a->reject_stage = rng_chance(0.7) ? 1 : 2;
	if (a->state == APP_DRAFT) {
		plan_draft(p, a);
	} else {
		a->reason = RNG_PICK(submit_reasons);
		plan_submitted(p, a);
	}
	if (a->state == APP_SENT_BACK)
		a->decision_reason = RNG_PICK(send_back_reasons);
	if (a->state == APP_REJECTED)
		a->decision_reason = RNG_PICK(reject_reasons);
	a->has_legs = a->state == APP_SECOND_REVIEW || a->state == APP_APPROVED ||
		(a->state == APP_REJECTED && a->reject_stage == 2) ||
		(a->state == APP_EVIDENCE && rng_chance(0.5));
	plan_travel_mode(s, a);
	if (a->has_legs) {
		a->needs_pickup = a->mode != MODE_CAR && rng_chance(0.3);
		a->tested_locally = rng_chance(0.6);
	}
}

/* The window the first review granted: the batch's. */
static bool has_window(const struct application *a)
{
	return a->state == APP_EVIDENCE || a->state == APP_SECOND_REVIEW ||
	       a->state == APP_APPROVED ||
	       (a->state == APP_REJECTED && a->reject_stage == 2);
}

/* About half of the approved students whose window has opened came back,
 * some day after approval up to yesterday; 70% of the boarders among them
 * also moved into the dorm that day. */
static void plan_arrival(const struct plan *p, struct student *s,
			 struct application *a)
{
	int earliest;

	if (a->state != APP_APPROVED || p->batch_from[s->batch] >= p->today ||
	    !rng_chance(0.5))
		return;
	earliest = max_int(p->batch_from[s->batch], day_of(a->second_decided) + 1);
	if (earliest > p->today - 1)
		return;
	s->arrived = true;
	s->arrival_day = rng_range(earliest, p->today - 1);
	s->arrival_at = moment_between(s->arrival_day, 10, 20);
	if (s->boarding && rng_chance(0.7))
		s->moved_in_at = s->arrival_at + rng_range(20 * 60, 3 * HOUR);
}

static void plan_travel_day(const struct plan *p, const struct student *s,
			    struct application *a)
{
	int from, until;

	if (s->arrived) {
		a->travel_day = s->arrival_day;
		return;
	}
	from = max_int(p->batch_from[s->batch], p->today);
	until = min_int(p->batch_until[s->batch], from + 3);
	a->travel_day = rng_range(from, until);
}

static bool may_have_open_anomaly(const struct student *s)
{
	return s->batch != 0 && !s->arrived && !s->full_history &&
	       s->whereabouts != ABROAD && s->open_anomaly_day == 0;
}

static void mark_open_anomaly(const struct plan *p, struct student *s)
{
	s->open_anomaly_day = p->today - rng_range(1, min_int(3, p->days));
}

/* About ten open anomalies on recent reports: one among the demo
 * counselor's students, so that their queue shows one, the rest anywhere. */
static void plan_open_anomalies(const struct plan *p)
{
	int want = min_int(OPEN_ANOMALIES, p->nstudents / 20);
	int made = 0;
	int start = rng_below(p->nstudents);

	for (int k = 0; k < p->nstudents && made < 1; k++) {
		struct student *s = &p->students[(start + k) % p->nstudents];

		if (s->counselor_id == ID_COUNSELOR && may_have_open_anomaly(s)) {
			mark_open_anomaly(p, s);
			made++;
		}
	}
	for (int tries = 0; made < want && tries < 1000 * OPEN_ANOMALIES; tries++) {
		struct student *s = &p->students[rng_below(p->nstudents)];

		if (may_have_open_anomaly(s)) {
			mark_open_anomaly(p, s);
			made++;
		}
	}
}

static void plan_progress(struct plan *p)
{
	p->apps = xcalloc((size_t)p->nstudents, sizeof(*p->apps));
	for (int i = 0; i < p->nstudents; i++) {
		struct student *s = &p->students[i];
		struct application a = { 0 };

		s->batch = s->full_history ? BATCH_FIRST
			 : rng_chance(0.95) ? random_batch() : 0;
		s->whereabouts = s->full_history ? AT_HOME : random_whereabouts(s);
		if (s->id == ID_GRAD)
			s->whereabouts = IN_CITY_OFF_CAMPUS;
		s->abroad_city = rng_below(COUNT(abroad_cities));
		s->diligence = s->full_history ? DILIGENT : random_diligence();
		plan_trip(p, s);
		if (s->batch == 0 || s->full_history)
			continue;
		plan_application(p, s, &a);
		if (a.state == APP_NONE)
			continue;
		a.id = p->napps + 1;
		plan_arrival(p, s, &a);
		plan_travel_day(p, s, &a);
		p->apps[p->napps++] = a;
	}
	plan_open_anomalies(p);
}

/* ------------------------------------------------------------------ */
/* Emitting: organisation and people.                                 */

static void emit_header(const struct plan *p)
{
	out_str("-- healthcard demo data: demogen");
	out_str(" --students ");
	out_int(p->nstudents);
	out_str(" --days ");
	out_int(p->days);
	out_str(" --today ");
	out_day(p->today);
	out_str(" --seed ");
	out_int((long long)p->seed);
	out_str("\nSET NAMES utf8mb4;\nSET foreign_key_checks=0;\n"
		"SET unique_checks=0;\nSTART TRANSACTION;\n");
	out_str("SET @pw_hash = ");
	out_quoted(p->pw_hash);
	out_str(";\n");
}

/* The card's stored facts (sql/009_card_facts.sql), computed from what
 * was loaded (with fresh statistics), on their own line: a database of an
 * older schema (the migration test) loads everything but that line. */
static void emit_footer(void)
{
	out_str("COMMIT;\nSET foreign_key_checks=1;\nSET unique_checks=1;\n"
		"ANALYZE TABLE people, daily_reports, return_applications;\n");
	/* Central testing (sql/022): those tested locally were tested
	 * negative at 09:00 of the day they applied (within the term), on
	 * their own line too (an older schema has no central_tests). */
	out_str("INSERT INTO central_tests (person_id, term_id, sampled_at, result, source, "
		"recorded_by, recorded_at) SELECT ra.person_id, ra.term_id, TIMESTAMP(GREATEST(t.starts_on, "
		"LEAST(t.ends_on, DATE(COALESCE(ra.submitted_at, ra.updated_at)))), '09:00:00'), "
		"'negative', 'import', (SELECT MIN(person_id) FROM roles WHERE role = 'admin'), "
		"TIMESTAMP(GREATEST(t.starts_on, LEAST(t.ends_on, DATE(COALESCE(ra.submitted_at, "
		"ra.updated_at)))), '15:00:00') FROM return_applications ra JOIN terms t ON t.id = ra.term_id "
		"WHERE ra.tested_locally = 1;\n");
	out_str("SET STATEMENT optimizer_switch = 'split_materialized=off' FOR "
		"INSERT INTO card_facts SELECT * FROM card_facts_expected;\n");
}

static void emit_org_units(const struct plan *p)
{
	struct insert ins = { "INSERT INTO org_units "
			      "(id,kind,parent_id,code,name)", 0 };
	char code[32], name[64];

	row_begin(&ins);
	out_str("1,'school',NULL,'SCH',");
	out_quoted(SCHOOL_NAME);
	row_end(&ins);
	for (int c = 0; c < p->ncolleges; c++) {
		row_begin(&ins);
		out_int(p->colleges[c].org_id);
		out_str(",'college',1,");
		out_quoted(p->colleges[c].spec->code);
		out_char(',');
		out_quoted(p->colleges[c].spec->name);
		row_end(&ins);
	}
	for (int i = 0; i < p->nclasses; i++) {
		const struct class_unit *cl = &p->classes[i];
		const struct major_spec *m =
			&p->colleges[cl->college].spec->majors[cl->major];

		snprintf(code, sizeof(code), "%s%02d%02d", m->code,
			 cl->cohort % 100, cl->seq);
		snprintf(name, sizeof(name), "%s%02d%02d", m->abbr,
			 cl->cohort % 100, cl->seq);
		row_begin(&ins);
		out_int(cl->id);
		out_str(",'class',");
		out_int(p->colleges[cl->college].org_id);
		out_char(',');
		out_quoted(code);
		out_char(',');
		out_quoted(name);
		row_end(&ins);
	}
	insert_end(&ins);
}

static const char *people_head =
	"INSERT INTO people (id,number,name,identity,gender,id_card,phone,"
	"college_id,class_id,boarding,dorm,created_at)";

static void emit_student_person(const struct plan *p, struct insert *ins,
				const struct student *s)
{
	char id_card[32], dorm[32];
	int birth_year = s->identity == UNDERGRAD
		? s->cohort - 18 - rng_chance(0.2)
		: s->cohort - rng_range(22, 25);

	random_id_card(id_card, s->region, birth_year, s->gender);
	row_begin(ins);
	out_int(s->id);
	out_str(",'");
	out_int(s->number);
	out_str("',");
	out_quoted(s->name);
	out_str(s->identity == UNDERGRAD ? ",'undergrad'," : ",'grad',");
	out_str(s->gender == MALE ? "'m'," : "'f',");
	out_quoted(id_card);
	out_char(',');
	out_quoted(s->phone);
	out_char(',');
	out_int(p->colleges[s->college].org_id);
	out_char(',');
	out_int_or_null(s->class_id, s->class_id != 0);
	out_str(s->boarding ? ",1," : ",0,");
	if (s->boarding) {
		format_dorm(dorm, s->identity, s->dorm_building, s->dorm_room);
		out_quoted(dorm);
	} else {
		out_str("NULL");
	}
	out_char(',');
	out_moment(moment_between(day_from_ymd(s->cohort, 9, 1), 9, 17));
	row_end(ins);
}

static void emit_staff_person(const struct plan *p, struct insert *ins,
			      const struct staff_member *m)
{
	char id_card[32];

	random_id_card(id_card, m->region, m->birth_year, m->gender);
	row_begin(ins);
	out_int(m->id);
	out_str(",'");
	out_int(100000 + m->id);
	out_str("',");
	out_quoted(m->name);
	out_str(",'staff',");
	out_str(m->gender == MALE ? "'m'," : "'f',");
	out_quoted(id_card);
	out_char(',');
	out_quoted(m->phone);
	out_char(',');
	out_int_or_null(m->college >= 0 ? p->colleges[m->college].org_id : 0,
			m->college >= 0);
	out_str(",NULL,0,NULL,");
	out_moment(moment_between(p->today - 400, 9, 17));
	row_end(ins);
}

/* In id order: `student`, `grad`, the staff, the other students. */
static void emit_people(const struct plan *p)
{
	struct insert ins = { people_head, 0 };

	emit_student_person(p, &ins, &p->students[0]);
	emit_student_person(p, &ins, &p->students[1]);
	for (int i = 0; i < p->nstaff; i++)
		emit_staff_person(p, &ins, &p->staff[i]);
	for (int i = 2; i < p->nstudents; i++)
		emit_student_person(p, &ins, &p->students[i]);
	insert_end(&ins);
}

static void emit_account(struct insert *ins, int id, const char *login,
			 long long number)
{
	row_begin(ins);
	out_int(id);
	out_char(',');
	if (login != NULL) {
		out_quoted(login);
	} else {
		out_char('\'');
		out_int(number);
		out_char('\'');
	}
	out_str(",@pw_hash");
	row_end(ins);
}

static void emit_accounts(const struct plan *p)
{
	struct insert ins = { "INSERT INTO accounts "
			      "(person_id,login,pw_hash)", 0 };

	emit_account(&ins, ID_STUDENT, "student", 0);
	emit_account(&ins, ID_GRAD, "grad", 0);
	for (int i = 0; i < p->nstaff; i++)
		emit_account(&ins, p->staff[i].id, p->staff[i].login,
			     100000 + p->staff[i].id);
	for (int i = 2; i < p->nstudents; i++)
		emit_account(&ins, p->students[i].id, NULL, p->students[i].number);
	insert_end(&ins);
}

static void emit_roles(const struct plan *p)
{
	struct insert ins = { "INSERT INTO roles (person_id,role,org_id)", 0 };

	for (int i = 0; i < p->nstaff; i++) {
		const struct staff_member *m = &p->staff[i];

		row_begin(&ins);
		out_int(m->id);
		out_char(',');
		out_quoted(role_names[m->role]);
		out_char(',');
		out_int_or_null(m->role == ROLE_REVIEWER
				? p->colleges[m->college].org_id : 0,
				m->role == ROLE_REVIEWER);
		row_end(&ins);
	}
	insert_end(&ins);
}

static void emit_counselor_assignments(const struct plan *p)
{
	struct insert ins = { "INSERT INTO counselor_assignments "
			      "(student_id,counselor_id,since)", 0 };

	for (int i = 0; i < p->nstudents; i++) {
		row_begin(&ins);
		out_int(p->students[i].id);
		out_char(',');
		out_int(p->students[i].counselor_id);
		out_char(',');
		out_moment(moment_at(p->term_start, 9 * HOUR));
		row_end(&ins);
	}
	insert_end(&ins);
}

static void emit_basic_info_row(const struct plan *p, struct insert *ins,
				const struct student *s)
{
	const char *surname;
	char address[200], contact[16], contact_phone[12], given[12], dorm[32];
	int filled_day = p->today - p->days - rng_range(1, 20);

	snprintf(address, sizeof(address), "%s%s%d号%d栋%d单元%d室",
		 regions[s->region].place, RNG_PICK(roads), rng_range(1, 300),
		 rng_range(1, 20), rng_range(1, 6),
		 rng_range(1, 18) * 100 + rng_range(1, 4));
	/* The emergency contact is a parent, mostly sharing the surname. */
	surname = rng_chance(0.8) ? s->surname : random_surname();
	random_given_name(rng_chance(0.5) ? MALE : FEMALE, given, sizeof(given));
	snprintf(contact, sizeof(contact), "%s%s", surname, given);
	random_phone(contact_phone);

	row_begin(ins);
	out_int(s->id);
	out_char(',');
	out_quoted(s->phone);
	out_char(',');
	out_quoted(address);
	out_char(',');
	out_quoted(contact);
	out_char(',');
	out_quoted(contact_phone);
	out_str(s->boarding ? ",1," : ",0,");
	if (s->boarding) {
		format_dorm(dorm, s->identity, s->dorm_building, s->dorm_room);
		out_quoted(dorm);
	} else {
		out_str("NULL");
	}
	out_char(',');
	out_moment(moment_between(filled_day, 8, 23));
	if (!s->full_history && rng_chance(0.03)) {
		/* Corrected since by the counselor. */
		out_char(',');
		out_int(s->counselor_id);
		out_char(',');
		out_moment(moment_between(rng_range(filled_day + 1, p->today - 1),
					  9, 18));
	} else {
		out_str(",NULL,NULL");
	}
	row_end(ins);
}

static void emit_basic_info(const struct plan *p)
{
	struct insert ins = { "INSERT INTO basic_info (person_id,phone,"
			      "home_address,emergency_contact,emergency_phone,"
			      "boarding,dorm,filled_at,updated_by,updated_at)", 0 };

	for (int i = 0; i < p->nstudents; i++) {
		const struct student *s = &p->students[i];

		if (s->full_history || rng_chance(0.9))
			emit_basic_info_row(p, &ins, s);
	}
	insert_end(&ins);
}

/* ------------------------------------------------------------------ */
/* Emitting: term, batches, roster.                                   */

static void emit_term_and_batches(const struct plan *p)
{
	char name[64];
	static const char *const batch_names[] = { NULL, "第一批", "第二批" };

	snprintf(name, sizeof(name), "%d-%d学年第%s学期", p->academic_year,
		 p->academic_year + 1, p->first_semester ? "一" : "二");
	out_str("INSERT INTO terms (id,name,starts_on,ends_on) VALUES\n(1,");
	out_quoted(name);
	out_char(',');
	out_date(p->term_start);
	out_char(',');
	out_date(p->term_end);
	out_str(");\n");
	out_str("INSERT INTO return_batches (id,term_id,name,return_from,"
		"return_until) VALUES\n");
	for (int b = BATCH_FIRST; b <= BATCH_SECOND; b++) {
		out_str(b == BATCH_FIRST ? "(" : ",\n(");
		out_int(b);
		out_str(",1,");
		out_quoted(batch_names[b]);
		out_char(',');
		out_date(p->batch_from[b]);
		out_char(',');
		out_date(p->batch_until[b]);
		out_char(')');
	}
	out_str(";\n");
}

static void emit_roster(const struct plan *p)
{
	struct insert ins = { "INSERT INTO roster_entries "
			      "(id,term_id,person_id,batch_id,added_at,added_by)", 0 };
	long long id = 0;
	moment added = moment_at(p->term_start + 10, 10 * HOUR);

	for (int i = 0; i < p->nstudents; i++) {
		const struct student *s = &p->students[i];

		if (s->batch == 0)
			continue;
		row_begin(&ins);
		out_int(++id);
		out_str(",1,");
		out_int(s->id);
		out_char(',');
		out_int(s->batch);
		out_char(',');
		/* An import: one transaction, rows a few milliseconds apart. */
		out_moment(added + id / 500);
		out_char(',');
		out_int(ID_ADMIN);
		row_end(&ins);
	}
	insert_end(&ins);
}

/* ------------------------------------------------------------------ */
/* Emitting: daily reports, day by day, everyone each day.            */

struct location {
	const char *city;
	bool in_city, on_campus, abroad;
};

static struct location location_on(const struct student *s, int day)
{
	struct location campus = { SCHOOL_CITY, true, s->boarding, false };
	struct location loc = { regions[s->region].city, lives_in_city(s),
				false, false };

	switch (s->whereabouts) {
	case ABROAD:
		loc.city = abroad_cities[s->abroad_city];
		loc.in_city = false;
		loc.abroad = true;
		return loc;
	case STAYED_ON_CAMPUS:
		return campus;
	default:
		break;
	}
	if (s->arrived && day > s->arrival_day)
		return campus;
	if (s->has_trip && day >= s->trip_from &&
	    day < s->trip_from + s->trip_days) {
		loc.city = regions[s->trip_region].city;
		loc.in_city = false;
		return loc;
	}
	if (s->whereabouts == IN_CITY_OFF_CAMPUS) {
		loc.city = SCHOOL_CITY;
		loc.in_city = true;
	}
	return loc;
}

/* Misses are clustered: a two-state chain per person, whose chance to
 * miss depends on yesterday and on how diligent the person is. Days the
 * story needs (the streak before an arrival, an open anomaly, the demo
 * accounts) are always reported. */
static bool reports_on(struct student *s, int day)
{
	static const double start_missing[] = { 0.01, 0.052, 0.267 };
	static const double keep_missing[] = { 0.2, 0.4, 0.6 };
	bool forced = s->full_history || day == s->open_anomaly_day ||
		(s->arrived && day >= s->arrival_day - STREAK_DAYS &&
		 day < s->arrival_day);
	bool missed = false;

	if (!forced)
		missed = rng_chance(s->missed_yesterday
				    ? keep_missing[s->diligence]
				    : start_missing[s->diligence]);
	s->missed_yesterday = missed;
	return !missed;
}

static int normal_temperature(void)
{
	return 360 + rng_below(5) + rng_below(5) + rng_below(4);
}

static int fever_temperature(void)
{
	return 373 + rng_below(14);
}

/* Mostly 07:00-11:00, busiest after eight; the careless report later. */
static int report_secs(const struct student *s)
{
	static const double morning[] = { 0.9, 0.8, 0.6 };
	static const int hour_percent[] = { 25, 35, 25, 15 }; /* from 07:00 */
	int r = rng_below(100), hour = 0;

	if (!rng_chance(morning[s->diligence]))
		return 11 * HOUR + rng_below(12 * HOUR);
	while (hour < COUNT(hour_percent) - 1 && r >= hour_percent[hour])
		r -= hour_percent[hour++];
	return (7 + hour) * HOUR + rng_below(HOUR);
}

struct health {
	int temperature;
	const char *symptoms;
	bool risk_area;
	const char *anomaly_state;
};

static struct health healthy(void)
{
	struct health h = { normal_temperature(), "", false, "none" };

	return h;
}

/* A verified and cleared anomaly: fever, cough, diarrhoea or a risk-area
 * visit. */
static struct health cleared_anomaly(void)
{
	struct health h = healthy();
	int r = rng_below(100);

	h.anomaly_state = "cleared";
	if (r < 50) {
		h.temperature = fever_temperature();
		h.symptoms = rng_chance(0.8) ? "fever" : "fever,cough";
	} else if (r < 75) {
		h.symptoms = "cough";
	} else if (r < 85) {
		h.symptoms = "diarrhoea";
	} else {
		h.risk_area = true;
	}
	return h;
}

static struct health open_anomaly(void)
{
	struct health h = healthy();

	h.temperature = fever_temperature();
	h.symptoms = rng_chance(0.7) ? "fever" : "fever,cough";
	h.anomaly_state = "open";
	return h;
}

static bool returned_to_city_on(const struct student *s, int day)
{
	return s->arrived && s->whereabouts == AT_HOME && !lives_in_city(s) &&
	       day > s->arrival_day && day <= s->arrival_day + STREAK_DAYS;
}

/* The anomaly rules of lib/domain/checkin.c, for the kinds of data made here. */
static const char *anomaly_flags(const struct health *h)
{
	bool fever = h->temperature >= 373, symptom = h->symptoms[0] != '\0';

	if (fever && symptom)
		return h->risk_area ? "fever,symptom,risk_area" : "fever,symptom";
	if (fever)
		return h->risk_area ? "fever,risk_area" : "fever";
	if (symptom)
		return h->risk_area ? "symptom,risk_area" : "symptom";
	return h->risk_area ? "risk_area" : "";
}

static void emit_report(struct plan *p, struct insert *ins, struct student *s,
			int day)
{
	struct location loc = location_on(s, day);
	bool location_changed = strcmp(loc.city, s->prev_city) != 0;
	bool data_changed = location_changed || loc.in_city != s->prev_in_city ||
		loc.on_campus != s->prev_on_campus;
	struct health h;
	moment at;
	long long id = ++p->nreports;

	s->prev_city = loc.city;
	s->prev_in_city = loc.in_city;
	s->prev_on_campus = loc.on_campus;
	s->in_city_run = !loc.in_city ? 0 :
		s->last_report_day == day - 1 ? s->in_city_run + 1 : 1;
	if (s->in_city_run > 255)
		s->in_city_run = 255;
	s->last_report_day = day;
	if (day == s->open_anomaly_day)
		h = open_anomaly();
	else if (!s->full_history && rng_chance(0.003))
		h = cleared_anomaly();
	else
		h = healthy();
	if (s->arrived && day == s->arrival_day)
		at = moment_at(day, 7 * HOUR + rng_below(2 * HOUR));
	else
		at = moment_at(day, report_secs(s));
	if (day == s->open_anomaly_day) {
		s->open_report_id = id;
		s->open_report_at = at;
	}

	row_begin(ins);
	out_int(id);
	out_char(',');
	out_int(s->id);
	out_char(',');
	out_date(day);
	out_char(',');
	out_moment(at);
	out_char(',');
	out_tenths(h.temperature);
	out_char(',');
	out_quoted(h.symptoms);
	out_char(',');
	out_quoted(loc.city);
	out_char(',');
	out_char(loc.in_city ? '1' : '0');
	out_char(',');
	out_int(s->in_city_run);
	out_char(',');
	out_char(loc.on_campus ? '1' : '0');
	out_char(',');
	out_char(loc.abroad ? '1' : '0');
	out_char(',');
	out_char(location_changed ? '1' : '0');
	out_char(',');
	out_char(h.risk_area ? '1' : '0');
	out_char(',');
	out_char(returned_to_city_on(s, day) ? '1' : '0');
	out_char(',');
	out_char(strcmp(h.anomaly_state, "none") != 0 ? '1' : '0');
	out_char(',');
	out_quoted(h.anomaly_state);
	out_char(',');
	out_quoted(anomaly_flags(&h));
	out_char(',');
	out_char(data_changed ? '1' : '0');
	row_end(ins);
}

static void emit_daily_reports(struct plan *p)
{
	struct insert ins = { "INSERT INTO daily_reports (id,person_id,day,"
			      "submitted_at,temperature,symptoms,city,in_city,"
			      "in_city_days,on_campus,abroad,location_changed,risk_area_14d,"
			      "returned_to_city,anomaly,anomaly_state,anomaly_flags,data_changed)", 0 };
	int first = p->today - p->days;

	for (int i = 0; i < p->nstudents; i++) {
		struct student *s = &p->students[i];
		struct location before = location_on(s, first - 1);

		s->prev_city = before.city;
		s->prev_in_city = before.in_city;
		s->prev_on_campus = before.on_campus;
		s->last_report_day = first - 2;
	}
	for (int day = first; day < p->today; day++)
		for (int i = 0; i < p->nstudents; i++)
			if (reports_on(&p->students[i], day))
				emit_report(p, &ins, &p->students[i], day);
	insert_end(&ins);
}

/* ------------------------------------------------------------------ */
/* Emitting: applications, reviews, travel, gates, arrivals, queue.    */

static void itinerary_text(const struct student *s, const struct application *a,
			   char out[200])
{
	const char *city = regions[s->region].city;

	switch (a->mode) {
	case MODE_TRAIN:
		snprintf(out, 200, "%s乘%s次列车返京，地铁返校", city,
			 a->number);
		break;
	case MODE_FLIGHT:
		snprintf(out, 200, "%s乘%s航班抵京，机场大巴返校", city,
			 a->number);
		break;
	case MODE_BUS:
		snprintf(out, 200, lives_in_city(s) ? "乘公交返校"
						   : "%s乘长途客车返京", city);
		break;
	case MODE_CAR:
		snprintf(out, 200, "家长自驾送返学校");
		break;
	}
}

static void emit_application(const struct plan *p, struct insert *ins,
			     const struct application *a)
{
	const struct student *s = &p->students[a->student];
	bool submitted = a->state != APP_DRAFT;
	char itinerary[200];

	itinerary_text(s, a, itinerary);
	row_begin(ins);
	out_int(a->id);
	out_str(",1,");
	out_int(s->id);
	out_char(',');
	out_moment_or_null(a->quiz);
	out_char(',');
	out_moment_or_null(a->pledge);
	out_char(',');
	out_quoted_or_null(a->reason);
	out_char(',');
	out_quoted_or_null(submitted ? itinerary : NULL);
	out_str(submitted ? ",1,1,1,1," : ",0,0,0,0,");
	out_quoted(app_state_names[a->state]);
	if (a->state == APP_SENT_BACK) {
		out_str(",'first',");
		out_quoted(a->decision_reason);
	} else {
		out_str(",NULL,NULL");
	}
	out_char(',');
	if (has_window(a)) {
		out_date(p->batch_from[s->batch]);
		out_char(',');
		out_date(p->batch_until[s->batch]);
	} else {
		out_str("NULL,NULL");
	}
	out_char(',');
	out_char(a->needs_pickup ? '1' : '0');
	out_char(',');
	out_char(a->tested_locally ? '1' : '0');
	out_char(',');
	out_moment_or_null(submitted ? a->submitted : 0);
	out_char(',');
	out_moment(a->updated);
	row_end(ins);
}

static void emit_applications(const struct plan *p)
{
	struct insert ins = { "INSERT INTO return_applications (id,term_id,"
			      "person_id,quiz_passed_at,pledge_accepted_at,reason,"
			      "itinerary,confirm_no_symptoms,confirm_no_risk,"
			      "confirm_no_contact,confirm_code_green,state,"
			      "sent_back_stage,sent_back_reason,allowed_from,"
			      "allowed_until,needs_pickup,tested_locally,"
			      "submitted_at,updated_at)", 0 };

	for (int i = 0; i < p->napps; i++)
		emit_application(p, &ins, &p->apps[i]);
	insert_end(&ins);
}

static void emit_review(struct insert *ins, long long *id, long long app_id,
			const char *stage, const char *decision, int reviewer,
			moment at, const char *reason)
{
	row_begin(ins);
	out_int(++*id);
	out_char(',');
	out_int(app_id);
	out_char(',');
	out_quoted(stage);
	out_char(',');
	out_quoted(decision);
	out_char(',');
	out_int(reviewer);
	out_char(',');
	out_moment(at);
	out_char(',');
	out_quoted_or_null(reason);
	row_end(ins);
}

/* First reviews by the counselor, second reviews by the college reviewer,
 * in the order they were made. */
static void emit_reviews(const struct plan *p)
{
	struct insert ins = { "INSERT INTO reviews (id,application_id,stage,"
			      "decision,reviewer_id,decided_at,reason)", 0 };
	long long id = 0;

	for (int i = 0; i < p->napps; i++) {
		const struct application *a = &p->apps[i];
		const struct student *s = &p->students[a->student];
		int counselor = s->counselor_id;
		int reviewer = p->colleges[s->college].reviewer_id;
		bool rejected_first = a->state == APP_REJECTED && a->reject_stage == 1;

		if (a->earlier_send_back)
			emit_review(&ins, &id, a->id, "first", "send_back",
				    counselor, a->earlier_send_back,
				    send_back_reasons[a->id % COUNT(send_back_reasons)]);
		if (a->first_decided == 0)
			continue;
		if (a->state == APP_SENT_BACK)
			emit_review(&ins, &id, a->id, "first", "send_back",
				    counselor, a->first_decided, a->decision_reason);
		else if (rejected_first)
			emit_review(&ins, &id, a->id, "first", "reject",
				    counselor, a->first_decided, a->decision_reason);
		else
			emit_review(&ins, &id, a->id, "first", "approve",
				    counselor, a->first_decided, NULL);
		if (a->second_decided == 0)
			continue;
		if (a->state == APP_REJECTED)
			emit_review(&ins, &id, a->id, "second", "reject",
				    reviewer, a->second_decided, a->decision_reason);
		else
			emit_review(&ins, &id, a->id, "second", "approve",
				    reviewer, a->second_decided, NULL);
	}
	insert_end(&ins);
}

static void emit_travel_legs(const struct plan *p)
{
	struct insert ins = { "INSERT INTO travel_legs (id,application_id,seq,"
			      "mode,number,day,from_place,to_place)", 0 };
	long long id = 0;

	for (int i = 0; i < p->napps; i++) {
		const struct application *a = &p->apps[i];
		const struct student *s = &p->students[a->student];
		bool by_road = a->mode == MODE_CAR || a->mode == MODE_BUS;

		if (!a->has_legs)
			continue;
		row_begin(&ins);
		out_int(++id);
		out_char(',');
		out_int(a->id);
		out_str(",1,");
		out_quoted(mode_names[a->mode]);
		out_char(',');
		out_quoted_or_null(a->number[0] != '\0' ? a->number : NULL);
		out_char(',');
		out_date(a->travel_day);
		out_char(',');
		if (lives_in_city(s) && by_road) {
			out_quoted(regions[s->region].place);
			out_char(',');
			out_quoted(SCHOOL_NAME);
		} else {
			out_quoted(regions[s->region].city);
			out_char(',');
			out_quoted(SCHOOL_CITY);
		}
		row_end(&ins);
	}
	insert_end(&ins);
}

static void emit_gates(void)
{
	out_str("INSERT INTO gates (id,kind,name) VALUES\n"
		"(1,'gate','东门'),\n(2,'gate','西门'),\n(3,'dorm','学11宿舍');\n");
}

static void emit_arrival(struct insert *ins, long long *id,
			 const struct student *s, const char *kind, moment at,
			 int gate, int scanned_by)
{
	row_begin(ins);
	out_int(++*id);
	out_char(',');
	out_int(s->id);
	out_str(",1,");
	out_quoted(kind);
	out_char(',');
	out_moment(at);
	out_char(',');
	out_int(gate);
	out_char(',');
	out_int(scanned_by);
	out_char(',');
	out_char(s->boarding ? '1' : '0');
	row_end(ins);
}

static void emit_arrivals(const struct plan *p)
{
	struct insert ins = { "INSERT INTO arrivals (id,person_id,term_id,kind,"
			      "at,gate_id,scanned_by,boarding)", 0 };
	long long id = 0;

	for (int i = 0; i < p->nstudents; i++) {
		const struct student *s = &p->students[i];

		if (!s->arrived)
			continue;
		emit_arrival(&ins, &id, s, "gate", s->arrival_at,
			     rng_chance(0.6) ? GATE_EAST : GATE_WEST, ID_GATE);
		if (s->moved_in_at != 0)
			emit_arrival(&ins, &id, s, "dorm", s->moved_in_at,
				     GATE_DORM, ID_DORM);
	}
	insert_end(&ins);
}

static void emit_queue_item(struct insert *ins, long long *id,
			    const char *kind, long long ref, int person,
			    moment created)
{
	row_begin(ins);
	out_int(++*id);
	out_char(',');
	out_quoted(kind);
	out_char(',');
	out_int(ref);
	out_char(',');
	out_int(person);
	out_char(',');
	out_moment(created);
	out_str(",'open'");
	row_end(ins);
}

/* Open items only: anomalies to verify, then first and second reviews. */
static void emit_queue_items(const struct plan *p)
{
	struct insert ins = { "INSERT INTO queue_items (id,kind,ref_id,"
			      "person_id,created_at,state)", 0 };
	long long id = 0;

	for (int i = 0; i < p->nstudents; i++) {
		const struct student *s = &p->students[i];

		if (s->open_report_id != 0)
			emit_queue_item(&ins, &id, "anomaly", s->open_report_id,
					s->id, s->open_report_at);
	}
	for (int i = 0; i < p->napps; i++) {
		const struct application *a = &p->apps[i];
		int person = p->students[a->student].id;

		if (a->state == APP_FIRST_REVIEW)
			emit_queue_item(&ins, &id, "first_review", a->id, person,
					a->submitted);
		else if (a->state == APP_SECOND_REVIEW)
			emit_queue_item(&ins, &id, "second_review", a->id, person,
					a->evidence_done);
	}
	insert_end(&ins);
}

/* ------------------------------------------------------------------ */
/* Arguments and main.                                                */

static void usage(FILE *f)
{
	fputs("usage: demogen --today YYYY-MM-DD [--students N] [--days D] "
	      "[--seed S]\n"
	      "  Writes SQL for a demo university to stdout: N students "
	      "(default 2000),\n"
	      "  daily reports for the D days before today (default 30), "
	      "PRNG seed S (default 1).\n"
	      "  Every account's password is \"demo\"; demo logins: student "
	      "grad counselor\n"
	      "  reviewer admin gate dorm.\n", f);
}

static long long parse_number(const char *opt, const char *s, long long lo,
			      long long hi)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "demogen: %s wants a number from %lld to %lld\n",
			opt, lo, hi);
		exit(2);
	}
	return v;
}

static void parse_args(int argc, char **argv, struct plan *p)
{
	p->nstudents = 2000;
	p->days = 30;
	p->seed = 1;
	p->today = -1;
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
			usage(stdout);
			exit(0);
		}
		if (val == NULL) {
			usage(stderr);
			exit(2);
		}
		if (strcmp(opt, "--students") == 0)
			p->nstudents = (int)parse_number(opt, val, MIN_STUDENTS,
							 MAX_STUDENTS);
		else if (strcmp(opt, "--days") == 0)
			p->days = (int)parse_number(opt, val, 1, MAX_DAYS);
		else if (strcmp(opt, "--seed") == 0)
			p->seed = (unsigned long long)parse_number(opt, val, 0,
								   LLONG_MAX);
		else if (strcmp(opt, "--today") == 0 &&
			 (p->today = day_parse(val)) < 0) {
			fprintf(stderr, "demogen: --today wants YYYY-MM-DD\n");
			exit(2);
		} else if (strcmp(opt, "--today") != 0) {
			usage(stderr);
			exit(2);
		}
		i++;
	}
	if (p->today < 0) {
		fputs("demogen: --today is required (the data is relative to it)\n",
		      stderr);
		exit(2);
	}
}

static void hash_demo_password(char out[crypto_pwhash_STRBYTES])
{
	if (sodium_init() < 0 ||
	    crypto_pwhash_str(out, "demo", 4, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		fputs("demogen: cannot hash the demo password\n", stderr);
		exit(1);
	}
}

static long long count_arrivals(const struct plan *p, bool moved_in)
{
	long long n = 0;

	for (int i = 0; i < p->nstudents; i++)
		n += moved_in ? p->students[i].moved_in_at != 0
			      : p->students[i].arrived;
	return n;
}

int main(int argc, char **argv)
{
	struct plan plan = { 0 };
	struct plan *p = &plan;

	parse_args(argc, argv, p);
	hash_demo_password(p->pw_hash);
	rng_state = p->seed;

	plan_term(p);
	plan_colleges(p);
	plan_students(p, plan_staff(p));
	plan_progress(p);

	emit_header(p);
	emit_org_units(p);
	emit_people(p);
	emit_accounts(p);
	emit_roles(p);
	emit_counselor_assignments(p);
	emit_basic_info(p);
	emit_term_and_batches(p);
	emit_roster(p);
	emit_daily_reports(p);
	emit_applications(p);
	emit_reviews(p);
	emit_travel_legs(p);
	emit_gates();
	emit_arrivals(p);
	emit_queue_items(p);
	emit_footer();
	out_flush();
	if (fflush(stdout) != 0) {
		perror("demogen: stdout");
		return 1;
	}
	fprintf(stderr, "demogen: %d colleges, %d classes, %d students, "
		"%d staff, %lld reports, %d applications, %lld arrived "
		"(%lld moved in)\n", p->ncolleges, p->nclasses, p->nstudents,
		p->nstaff, p->nreports, p->napps, count_arrivals(p, false),
		count_arrivals(p, true));

	free(p->apps);
	free(p->students);
	free(p->staff);
	free(p->classes);
	return 0;
}
