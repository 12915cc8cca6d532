/*
 * vigil-hook: the hook relay as a small native program. A client runs its hook command before
 * every tool call, and Node.js alone takes ~50 ms to start on a small VM; this starts in about a
 * millisecond. It does what `vigil hook` (src/hook/relay.ts) does, on the same files:
 *
 *   vigil-hook <client> [--config FILE] [--mode monitor|enforce]
 *
 * reads the event on stdin, POSTs it to the server (http:// only; setup uses the Node relay for
 * https), prints the server's answer, and when the server cannot be reached spools the event and
 * answers by mode: monitor allows, enforce denies what can be denied. Unexpected failures in
 * enforce mode exit 2, which blocks. The config is the flat JSON file setup writes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define SPOOL_BATCH 100
#define SPOOL_BUDGET_MS 1500
#define STALE_LOCK_MS 30000

typedef struct { char *p; size_t n, cap; } buf;

static void die_oom(void) { fputs("vigil-hook: out of memory\n", stderr); exit(2); }
static void bput(buf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 4096;
    while (cap < b->n + n + 1) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) die_oom();
    b->p = p; b->cap = cap;
  }
  memcpy(b->p + b->n, s, n); b->n += n; b->p[b->n] = 0;
}
static void bputs(buf *b, const char *s) { bput(b, s, strlen(s)); }
static void bprintf(buf *b, const char *fmt, ...) {
  char tmp[1024]; va_list ap; va_start(ap, fmt); int n = vsnprintf(tmp, sizeof tmp, fmt, ap); va_end(ap);
  if (n > 0) bput(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static long long now_ms(void) { struct timeval tv; gettimeofday(&tv, NULL); return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000; }

static int read_all(int fd, buf *b) {
  char tmp[65536];
  for (;;) {
    ssize_t r = read(fd, tmp, sizeof tmp);
    if (r < 0) { if (errno == EINTR) continue; return -1; }
    if (r == 0) return 0;
    bput(b, tmp, (size_t)r);
  }
}

/* The string value of "key" in a flat JSON object we wrote ourselves (config) or a hook payload's
   top-level string field. Handles \" and \\ escapes; returns a malloc'd copy or NULL. */
static char *json_str(const char *json, const char *key) {
  char pat[128]; snprintf(pat, sizeof pat, "\"%s\"", key);
  const char *p = json;
  while ((p = strstr(p, pat))) {
    const char *q = p + strlen(pat);
    while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') q++;
    if (*q != ':') { p = q; continue; }
    q++;
    while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') q++;
    if (*q != '"') return NULL;
    q++;
    buf out = {0};
    for (; *q && *q != '"'; q++) {
      if (*q == '\\' && q[1]) { q++; char c = *q == 'n' ? '\n' : *q == 't' ? '\t' : *q; bput(&out, &c, 1); }
      else bput(&out, q, 1);
    }
    if (!out.p) bputs(&out, "");
    return out.p;
  }
  return NULL;
}
static long json_num(const char *json, const char *key, long dflt) {
  char pat[128]; snprintf(pat, sizeof pat, "\"%s\"", key);
  const char *p = strstr(json, pat);
  if (!p) return dflt;
  p += strlen(pat);
  while (*p == ' ' || *p == ':') p++;
  char *end; long v = strtol(p, &end, 10);
  return end == p || v <= 0 ? dflt : v;
}

typedef struct {
  char host[256]; char port[8]; char path_prefix[512];
  char *token, *mode, *spool_dir, *user, *device_id;
  long timeout_ms;
} config;

static int parse_url(config *c, const char *url) {
  if (strncmp(url, "http://", 7) != 0) return -1;
  const char *h = url + 7, *slash = strchr(h, '/');
  size_t hl = slash ? (size_t)(slash - h) : strlen(h);
  char hostport[300];
  if (hl >= sizeof hostport) return -1;
  memcpy(hostport, h, hl); hostport[hl] = 0;
  snprintf(c->path_prefix, sizeof c->path_prefix, "%s", slash ? slash : "");
  size_t pl = strlen(c->path_prefix);
  while (pl > 0 && c->path_prefix[pl - 1] == '/') c->path_prefix[--pl] = 0;
  char *colon = hostport[0] == '[' ? strstr(hostport, "]:") : strrchr(hostport, ':');
  if (colon) {
    if (hostport[0] == '[') { *colon = 0; snprintf(c->host, sizeof c->host, "%s", hostport + 1); snprintf(c->port, sizeof c->port, "%s", colon + 2); }
    else { *colon = 0; snprintf(c->host, sizeof c->host, "%s", hostport); snprintf(c->port, sizeof c->port, "%s", colon + 1); }
  } else {
    snprintf(c->host, sizeof c->host, "%s", hostport[0] == '[' ? hostport + 1 : hostport);
    if (hostport[0] == '[') c->host[strlen(c->host) - 1] = 0;
    snprintf(c->port, sizeof c->port, "80");
  }
  return 0;
}

/* Waits for fd to be ready until the deadline; 0 ready, -1 timeout or error. */
static int wait_fd(int fd, short events, long long deadline) {
  for (;;) {
    long long left = deadline - now_ms();
    if (left <= 0) return -1;
    struct pollfd p = { fd, events, 0 };
    int r = poll(&p, 1, (int)left);
    if (r > 0) return 0;
    if (r < 0 && errno != EINTR) return -1;
  }
}

/* POSTs body; fills status and response body. Returns 0 on an HTTP answer, -1 otherwise (with why). */
static int http_post_as(const config *c, const char *path, const char *content_type, const char *extra, const char *body, size_t body_len,
                        const char *id, long long time_ms, int *status, buf *resp, char *why, size_t why_len) {
  long long deadline = now_ms() + c->timeout_ms;
  struct addrinfo hints = {0}, *res = NULL;
  hints.ai_socktype = SOCK_STREAM;
  int gai = getaddrinfo(c->host, c->port, &hints, &res);
  if (gai != 0) { snprintf(why, why_len, "cannot resolve %s: %s", c->host, gai_strerror(gai)); return -1; }
  int fd = -1;
  for (struct addrinfo *a = res; a; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
    if (errno == EINPROGRESS && wait_fd(fd, POLLOUT, deadline) == 0) {
      int err = 0; socklen_t len = sizeof err;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err == 0) break;
      errno = err;
    }
    snprintf(why, why_len, "connect to %s:%s failed: %s", c->host, c->port, strerror(errno));
    close(fd); fd = -1;
  }
  freeaddrinfo(res);
  if (fd < 0) return -1;

  char hostname[256] = "unknown";
  gethostname(hostname, sizeof hostname - 1);
  struct utsname u; char os[64] = "unknown";
  if (uname(&u) == 0) { snprintf(os, sizeof os, "%s", u.sysname); for (char *q = os; *q; q++) if (*q >= 'A' && *q <= 'Z') *q += 32; }
  buf req = {0};
  bprintf(&req, "POST %s%s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\nContent-Type: %s\r\n", c->path_prefix, path, c->host, c->port, content_type);
  if (extra) bputs(&req, extra);
  bprintf(&req, "Content-Length: %zu\r\nAuthorization: Bearer %s\r\n", body_len, c->token);
  bprintf(&req, "x-vigil-event-id: %s\r\nx-vigil-time: %lld\r\nx-vigil-hostname: %s\r\nx-vigil-os: %s\r\n", id, time_ms, hostname, os);
  if (c->user) bprintf(&req, "x-vigil-user: %s\r\n", c->user);
  if (c->device_id) bprintf(&req, "x-vigil-device-id: %s\r\n", c->device_id);
  bputs(&req, "\r\n");
  bput(&req, body, body_len);
  size_t off = 0;
  while (off < req.n) {
    ssize_t w = send(fd, req.p + off, req.n - off, MSG_NOSIGNAL);
    if (w > 0) { off += (size_t)w; continue; }
    if (w < 0 && (errno == EAGAIN || errno == EINTR) && wait_fd(fd, POLLOUT, deadline) == 0) continue;
    snprintf(why, why_len, "sending to %s:%s failed: %s", c->host, c->port, w < 0 ? strerror(errno) : "closed");
    free(req.p); close(fd); return -1;
  }
  free(req.p);
  buf in = {0};
  for (;;) {
    char tmp[16384];
    ssize_t r = recv(fd, tmp, sizeof tmp, 0);
    if (r > 0) { bput(&in, tmp, (size_t)r); continue; }
    if (r == 0) break;
    if ((errno == EAGAIN || errno == EINTR) && wait_fd(fd, POLLIN, deadline) == 0) continue;
    snprintf(why, why_len, "no answer within %ld ms", c->timeout_ms);
    free(in.p); close(fd); return -1;
  }
  close(fd);
  if (!in.p || strncmp(in.p, "HTTP/1.", 7) != 0 || strlen(in.p) < 12) { snprintf(why, why_len, "not an HTTP answer"); free(in.p); return -1; }
  *status = atoi(in.p + 9);
  char *sep = strstr(in.p, "\r\n\r\n");
  const char *b = sep ? sep + 4 : "";
  if (sep && strcasestr(in.p, "transfer-encoding: chunked") && strcasestr(in.p, "transfer-encoding: chunked") < sep) {
    /* De-chunk. */
    const char *q = b;
    for (;;) {
      char *end; long n = strtol(q, &end, 16);
      if (end == q || n <= 0) break;
      q = strstr(end, "\r\n"); if (!q) break; q += 2;
      bput(resp, q, (size_t)n); q += n + 2;
    }
  } else {
    bputs(resp, b);
  }
  if (!resp->p) bputs(resp, "");
  free(in.p);
  return 0;
}

static int http_post(const config *c, const char *path, const char *body, size_t body_len, const char *id, long long time_ms,
                     int *status, buf *resp, char *why, size_t why_len) {
  return http_post_as(c, path, "application/json", NULL, body, body_len, id, time_ms, status, resp, why, why_len);
}

/* Per client and hook event: the answers when Vigil cannot decide, generated at build time from
   the same hook adapters the server answers with (scripts/build-native.mjs → answers.h). */
#include "answers.h"

static const char *endpoint(const char *client) {
  static char path[128];
  for (size_t i = 0; i < sizeof CLIENTS / sizeof *CLIENTS; i++)
    if (strcmp(client, CLIENTS[i].name) == 0) { snprintf(path, sizeof path, "/v1/hooks/%s", client); return path; }
  return NULL;
}

/* The payload field that names the hook event. */
static const char *event_field(const char *client) {
  for (size_t i = 0; i < sizeof CLIENTS / sizeof *CLIENTS; i++)
    if (strcmp(client, CLIENTS[i].name) == 0) return CLIENTS[i].event_field;
  return "hook_event_name";
}

static const answer_row *answer_for(const char *client, const char *hook) {
  for (size_t i = 0; i < sizeof ANSWERS / sizeof *ANSWERS; i++)
    if (strcmp(ANSWERS[i].client, client) == 0 && strcmp(ANSWERS[i].hook, hook) == 0) return &ANSWERS[i];
  return NULL;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Writes an event to the spool: the same file format as src/hook/spool.ts. */
static int spool_add(const char *dir, const char *client, const char *id, long long time_ms, const buf *payload) {
  mkdir(dir, 0700);
  char name[1024], tmp[1100], path[1100];
  snprintf(name, sizeof name, "%015lld-%s.json", time_ms, id);
  snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(tmp, "w");
  if (!f) return -1;
  fchmod(fileno(f), 0600);
  fprintf(f, "{\"client\":\"%s\",\"id\":\"%s\",\"time_ms\":%lld,\"payload\":", client, id, time_ms);
  fwrite(payload->p, 1, payload->n, f);
  fputs("}", f);
  if (fclose(f) != 0) return -1;
  return rename(tmp, path);
}

static void sync_transcript(const config *c, const char *spool_root, const char *path, const char *session);

/* Delivers spooled events oldest first until the batch or time budget runs out or one fails. */
static void spool_deliver(const config *c, const char *dir, const char *client, const char *spool_root) {
  char *synced = NULL; /* the last transcript read: a session's spooled events share one */
  char lock[1100]; snprintf(lock, sizeof lock, "%s/.deliver.lock", dir);
  int lfd = open(lock, O_CREAT | O_EXCL | O_WRONLY, 0600);
  if (lfd < 0) {
    struct stat st;
    if (stat(lock, &st) != 0 || now_ms() - (long long)st.st_mtime * 1000 < STALE_LOCK_MS) return;
    unlink(lock);
    if ((lfd = open(lock, O_CREAT | O_EXCL | O_WRONLY, 0600)) < 0) return;
  }
  DIR *d = opendir(dir);
  char **names = NULL; size_t n = 0, cap = 0;
  struct dirent *e;
  while (d && (e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".json") != 0) continue;
    if (n == cap) { cap = cap ? cap * 2 : 64; names = realloc(names, cap * sizeof *names); if (!names) die_oom(); }
    names[n++] = strdup(e->d_name);
  }
  if (d) closedir(d);
  qsort(names, n, sizeof *names, cmp_str);
  long long until = now_ms() + SPOOL_BUDGET_MS;
  for (size_t i = 0; i < n && i < SPOOL_BATCH && now_ms() < until; i++) {
    char path[1100]; snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    int fd = open(path, O_RDONLY);
    if (fd < 0) continue;
    buf f = {0}; read_all(fd, &f); close(fd);
    char *id = f.p ? json_str(f.p, "id") : NULL;
    char *payload = f.p ? strstr(f.p, "\"payload\":") : NULL;
    long long t = f.p ? json_num(f.p, "time_ms", 0) : 0;
    if (!id || !payload || t <= 0) { unlink(path); free(id); free(f.p); continue; }
    payload += 10;
    size_t plen = strlen(payload);
    if (plen > 0 && payload[plen - 1] == '}') plen--; /* the wrapper's closing brace */
    int status = 0; buf resp = {0}; char why[256];
    int ok = http_post(c, endpoint(client), payload, plen, id, t, &status, &resp, why, sizeof why) == 0 && (status == 200 || status == 400);
    free(resp.p); free(id);
    if (!ok) { free(f.p); break; }
    unlink(path);
    /* The transcript of a session whose hooks never got through has not been read either. */
    char *tp = status == 200 ? json_str(payload, "transcript_path") : NULL;
    char *sid = tp ? json_str(payload, "session_id") : NULL;
    if (tp && sid && *tp && (!synced || strcmp(synced, tp) != 0)) { sync_transcript(c, spool_root, tp, sid); free(synced); synced = strdup(tp); }
    free(tp); free(sid); free(f.p);
  }
  free(synced);
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  close(lfd);
  unlink(lock);
}

#define TRANSCRIPT_CHUNK (4 * 1024 * 1024)

/* Sends the transcript lines written since the last time (hooks carry no reasoning or assistant
   text): complete lines only; the offset, per transcript file, moves once the server stored them.
   Same state files as src/hook/relay.ts. */
static void sync_transcript(const config *c, const char *spool_root, const char *path, const char *session) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  char dir[1100], state[1400];
  snprintf(dir, sizeof dir, "%s/offsets", spool_root);
  snprintf(state, sizeof state, "%s/%s.offset", dir, base);
  long long offset = 0;
  int sfd = open(state, O_RDONLY);
  if (sfd >= 0) { char tmp[32] = {0}; if (read(sfd, tmp, sizeof tmp - 1) > 0) offset = atoll(tmp); close(sfd); }
  int fd = open(path, O_RDONLY);
  if (fd < 0) return;
  struct stat st;
  if (fstat(fd, &st) != 0) { close(fd); return; }
  if (st.st_size < offset) offset = 0; /* a new file in its place */
  if (st.st_size == offset) { close(fd); return; }
  size_t len = (size_t)(st.st_size - offset) < TRANSCRIPT_CHUNK ? (size_t)(st.st_size - offset) : TRANSCRIPT_CHUNK;
  char *chunk = malloc(len + 1);
  if (!chunk) die_oom();
  ssize_t got = pread(fd, chunk, len, offset);
  close(fd);
  if (got <= 0) { free(chunk); return; }
  size_t end = (size_t)got;
  while (end > 0 && chunk[end - 1] != '\n') end--;
  if (end == 0) { free(chunk); return; }
  char extra[600];
  snprintf(extra, sizeof extra, "x-vigil-session: %s\r\n", session);
  int status = 0; buf resp = {0}; char why[256];
  if (http_post_as(c, "/v1/hooks/claude-code/transcript", "application/x-ndjson", extra, chunk, end, "", now_ms(), &status, &resp, why, sizeof why) == 0 && status == 200) {
    mkdir(dir, 0700);
    char tmp[1500]; snprintf(tmp, sizeof tmp, "%s.tmp", state);
    FILE *f = fopen(tmp, "w");
    if (f) { fprintf(f, "%lld", offset + (long long)end); if (fclose(f) == 0) rename(tmp, state); }
  }
  free(resp.p);
  free(chunk);
}

/* The answer when Vigil could not decide; prints it and returns the exit code. Only actions (the
   client's deciding events) are denied: prompts and finished tool calls are spooled and let
   through, so the user can still talk to the agent while nothing it does runs unchecked. */
static int fallback(const config *c, const char *client, const char *hook, const char *why) {
  const answer_row *a = answer_for(client, hook);
  int enforce = strcmp(c->mode, "enforce") == 0;
  fprintf(stderr, enforce ? "vigil: %s; the event is spooled\n" : "vigil: %s; the event is spooled (monitor mode: allowed)\n", why);
  /* Always JSON, {} included: some clients (Cursor) treat empty output as a failed hook. */
  printf("%s\n", !a ? "{}" : enforce && a->deny ? a->deny : a->allow);
  return 0;
}

int main(int argc, char **argv) {
  const char *client = NULL, *config_path = NULL, *mode_arg = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) config_path = argv[++i];
    else if (strcmp(argv[i], "--mode") == 0 && i + 1 < argc) mode_arg = argv[++i];
    else if (argv[i][0] != '-' && !client) client = argv[i];
  }
  int enforce = mode_arg && strcmp(mode_arg, "enforce") == 0;
  int fail = enforce ? 2 : 0;
  if (!client || !endpoint(client)) { fprintf(stderr, "vigil-hook: usage: vigil-hook <%s> [--config FILE] [--mode monitor|enforce]\n", CLIENT_LIST); return fail; }

  buf input = {0};
  if (read_all(0, &input) != 0 || !input.p) { fprintf(stderr, "vigil-hook: cannot read the event on stdin%s\n", enforce ? " (enforce mode: denied)" : ""); return fail; }
  long long t = now_ms();

  char defpath[1024];
  if (!config_path) {
    const char *env = getenv("VIGIL_HOOK_CONFIG"), *home = getenv("VIGIL_HOME"), *h = getenv("HOME");
    if (env) config_path = env;
    else { if (home) snprintf(defpath, sizeof defpath, "%s/hook.json", home); else snprintf(defpath, sizeof defpath, "%s/.vigil/hook.json", h ? h : "."); config_path = defpath; }
  }
  int cfd = open(config_path, O_RDONLY);
  buf cj = {0};
  if (cfd < 0 || read_all(cfd, &cj) != 0 || !cj.p) {
    fprintf(stderr, "vigil hook: cannot read the hook config %s: %s; run vigil setup hooks%s\n", config_path, strerror(errno), enforce ? " (enforce mode: denied)" : "");
    return fail;
  }
  close(cfd);
  config c = {0};
  char *server = json_str(cj.p, "server");
  c.token = json_str(cj.p, "token");
  c.mode = mode_arg ? strdup(mode_arg) : json_str(cj.p, "mode");
  if (!c.mode) c.mode = strdup("monitor");
  enforce = strcmp(c.mode, "enforce") == 0; fail = enforce ? 2 : 0;
  c.spool_dir = json_str(cj.p, "spool_dir");
  c.user = json_str(cj.p, "user");
  c.device_id = json_str(cj.p, "device_id");
  c.timeout_ms = json_num(cj.p, "timeout_ms", 5000);
  if (!server || !c.token || parse_url(&c, server) != 0) {
    fprintf(stderr, "vigil hook: %s: \"server\" must be an http:// URL and \"token\" set (use the Node relay, vigil hook, for https)%s\n", config_path, enforce ? " (enforce mode: denied)" : "");
    return fail;
  }
  char spool_root[1024];
  if (c.spool_dir) snprintf(spool_root, sizeof spool_root, "%s", c.spool_dir);
  else { const char *home = getenv("VIGIL_HOME"), *h = getenv("HOME"); if (home) snprintf(spool_root, sizeof spool_root, "%s/spool", home); else snprintf(spool_root, sizeof spool_root, "%s/.vigil/spool", h ? h : "."); }
  mkdir(spool_root, 0700);
  char spool[1100]; snprintf(spool, sizeof spool, "%s/%s", spool_root, client);

  /* Something other than a JSON object: nothing to relay or spool. */
  const char *s = input.p; while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t') s++;
  if (*s != '{') { fprintf(stderr, "vigil: the hook input is not a JSON object%s\n", enforce ? "; denied in enforce mode" : ""); return fail; }
  char *hook = json_str(input.p, event_field(client));
  if (!hook) hook = strdup("");

  unsigned char rnd[8] = {0};
  int rfd = open("/dev/urandom", O_RDONLY);
  if (rfd >= 0) { if (read(rfd, rnd, sizeof rnd) < 0) memset(rnd, 0, sizeof rnd); close(rfd); }
  char id[64];
  char t36[16]; { long long v = t; int i = 0; char tmp[16]; do { int dgt = (int)(v % 36); tmp[i++] = (char)(dgt < 10 ? '0' + dgt : 'a' + dgt - 10); v /= 36; } while (v && i < 15); for (int j = 0; j < i; j++) t36[j] = tmp[i - 1 - j]; t36[i] = 0; }
  snprintf(id, sizeof id, "h%s-%02x%02x%02x%02x%02x%02x%02x%02x", t36, rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5], rnd[6], rnd[7]);

  int status = 0; buf resp = {0}; char why[512];
  if (http_post(&c, endpoint(client), input.p, input.n, id, t, &status, &resp, why, sizeof why) != 0) {
    char msg[700]; snprintf(msg, sizeof msg, "the Vigil server at %s did not answer: %s", server, why);
    if (spool_add(spool, client, id, t, &input) != 0) fprintf(stderr, "vigil: could not spool the event: %s\n", strerror(errno));
    return fallback(&c, client, hook, msg);
  }
  if (status == 200) {
    if (resp.n > 0) { fputs(resp.p, stdout); fputc('\n', stdout); }
    fflush(stdout);
    DIR *d = opendir(spool);
    if (d) {
      struct dirent *e; int any = 0;
      while ((e = readdir(d))) if (e->d_name[0] != '.' && strstr(e->d_name, ".json")) { any = 1; break; }
      closedir(d);
      if (any) spool_deliver(&c, spool, client, spool_root);
    }
    /* Not on the hooks that decide: they stay as fast as they can be. */
    char *session = json_str(input.p, "session_id");
    const answer_row *a = answer_for(client, hook);
    if (strcmp(client, "claude-code") == 0 && session && *session && !(a && a->deny)) {
      const char *keys[] = { "transcript_path", "agent_transcript_path" };
      for (int i = 0; i < 2; i++) {
        char *p = json_str(input.p, keys[i]);
        if (p && *p) sync_transcript(&c, spool_root, p, session);
        free(p);
      }
    }
    free(session);
    return 0;
  }
  if (status != 400 && spool_add(spool, client, id, t, &input) != 0) fprintf(stderr, "vigil: could not spool the event: %s\n", strerror(errno));
  char msg[900]; snprintf(msg, sizeof msg, "the Vigil server answered %d: %.300s", status, resp.p ? resp.p : "");
  return fallback(&c, client, hook, msg);
}
