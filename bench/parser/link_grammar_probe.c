// link-grammar (Debian liblink-grammar-dev, English dictionary) on one sentence per line: CPU
// sentences/s and how often it finds a complete linkage (no null words), for the parser choice
// in bench/RESULTS.md ("Parser"). Not part of the build:
//   gcc -O2 bench/parser/link_grammar_probe.c -o /tmp/lg -llink-grammar
//   /tmp/lg sentences.txt 300 10     # first 300 lines, 10 s per sentence at most
#include <link-grammar/link-includes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(int argc, char** argv) {
  FILE* f = fopen(argv[1], "r"); int n = atoi(argv[2]); int tmo = argc > 3 ? atoi(argv[3]) : 10;
  Dictionary d = dictionary_create_lang("en");
  Parse_Options o = parse_options_create();
  parse_options_set_verbosity(o, 0);
  parse_options_set_max_parse_time(o, tmo);
  parse_options_set_linkage_limit(o, 1);
  parse_options_set_min_null_count(o, 0);
  parse_options_set_max_null_count(o, 0);
  char line[20000]; int done = 0, complete = 0, timeouts = 0; long words = 0;
  struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
  clock_t c0 = clock();
  while (done < n && fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = 0;
    Sentence s = sentence_create(line, d);
    int k = sentence_parse(s, o);
    if (k > 0) complete++;
    if (parse_options_timer_expired(o)) timeouts++;
    words += sentence_length(s);
    sentence_delete(s); done++;
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  double wall = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
  double cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
  printf("%s: %d sentences, %ld words, wall %.1f s, cpu %.1f s, %.1f sent/s (cpu), complete linkage %d (%.1f%%), timeouts %d\n",
         argv[1], done, words, wall, cpu, done / cpu, complete, 100.0 * complete / done, timeouts);
  return 0;
}
