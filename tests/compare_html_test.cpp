// `refrain compare --format html` in a real browser: headless Chromium (Debian's
// chromium package) loads the page, a script added to a copy of it measures where
// the two columns land and lists the statements it finds, and the test checks
// that the columns sit side by side and that every statement of both documents is
// on the page. Exits 77 (skipped) when chromium is not installed.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "refrain/corpus.h"
#include "run_command.h"

namespace refrain {
namespace {

namespace fs = std::filesystem;

std::string Chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::string probe = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return name;
  }
  return "";
}

std::string Collapse(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Measures the page as laid out: for every row that has both columns, whether the
// left one ends before the right one starts on the same band; and the text of every
// statement element, with whether it has a visible box.
constexpr const char* kProbe = R"(<script>
(() => {
  const rows = [...document.querySelectorAll('.row')];
  let pairs = 0, apart = 0;
  for (const row of rows) {
    const a = row.querySelector('.col.a'), b = row.querySelector('.col.b');
    if (!a || !b) continue;
    const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
    ++pairs;
    if (ra.right <= rb.left + 0.5 && Math.abs(ra.top - rb.top) < 1 && ra.width > 150 &&
        rb.width > 150) ++apart;
  }
  const statements = [...document.querySelectorAll('.stmt')].map(s => {
    const r = s.getBoundingClientRect();
    return {text: s.textContent, visible: r.width > 0 && r.height > 0,
            side: s.closest('.col').classList.contains('a') ? 'a' : 'b'};
  });
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({pairs, apart, width: window.innerWidth, statements});
  document.body.appendChild(out);
})();
</script>
)";

TEST_CASE("compare --format html renders two columns side by side with every statement",
          "[compare][html]") {
  const std::string chromium = Chromium();
  if (chromium.empty()) {
    std::fprintf(stderr, "chromium is not installed: skipped\n");
    std::exit(77);
  }
  const fs::path dir = fs::temp_directory_path() / ("refrain_html_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string seed = std::string(REFRAIN_SOURCE_DIR) + "/corpus/seed";
  const char* doc_a = "003_58374e1ec3d5b376.txt";  // Tashkent, July 2021
  const char* doc_b = "004_c404e962366cc024.txt";  // Vientiane, July 2024
  const testing::CommandRun compare =
      testing::RunRefrain("compare " + seed + " " + doc_a + " " + doc_b + " --format html");
  REQUIRE(compare.exit_code == 0);
  const std::string& page = compare.out;

  // Standalone: nothing to fetch, no script of its own.
  for (const char* fetch : {"<script", "<link", "<img", "<iframe", "@import", "url(", "src="})
    CHECK(page.find(fetch) == std::string::npos);

  std::string probed = page;
  size_t body_end = probed.rfind("</body>");
  REQUIRE(body_end != std::string::npos);
  probed.insert(body_end, kProbe);
  const fs::path file = dir / "compare.html";
  std::ofstream(file) << probed;

  const std::string command = "timeout 120 " + chromium +
                              " --headless --no-sandbox --disable-gpu --no-first-run "
                              "--disable-extensions --user-data-dir=" +
                              (dir / "profile").string() +
                              " --window-size=1280,900 --run-all-compositor-stages-before-draw"
                              " --dump-dom file://" +
                              file.string();
  const testing::CommandRun chrome = testing::RunCommand(command);
  fs::remove_all(dir);
  REQUIRE(chrome.exit_code == 0);
  const std::string& dom = chrome.out;
  const size_t open = dom.find("<pre id=\"probe\">");
  REQUIRE(open != std::string::npos);
  const size_t start = open + std::string("<pre id=\"probe\">").size();
  std::string probe_text = dom.substr(start, dom.find("</pre>", start) - start);
  // The serialised DOM escapes &, < and > in text.
  for (auto [entity, c] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (size_t p = probe_text.find(entity); p != std::string::npos;
         p = probe_text.find(entity, p + 1))
      probe_text.replace(p, std::string(entity).size(), c);
  }
  nlohmann::json probe = nlohmann::json::parse(probe_text);
  INFO(probe.dump().substr(0, 400));
  CHECK(probe["width"].get<int>() >= 1000);
  CHECK(probe["pairs"].get<int>() > 10);
  CHECK(probe["apart"] == probe["pairs"]);  // every row: left column, then right, same band

  // Every statement of both documents is on the page, visible, on its own side.
  Result<Corpus> corpus = LoadCorpus({seed}, {});
  REQUIRE(corpus.ok());
  std::multiset<std::pair<std::string, std::string>> expected, shown;
  for (const Statement& s : corpus->statements) {
    const std::string& path = corpus->documents[s.doc].path;
    if (path == doc_a) expected.emplace("a", Collapse(s.text));
    if (path == doc_b) expected.emplace("b", Collapse(s.text));
  }
  REQUIRE(expected.size() > 20);
  for (const auto& s : probe["statements"]) {
    CHECK(s["visible"] == true);
    shown.emplace(s["side"].get<std::string>(), Collapse(s["text"].get<std::string>()));
  }
  CHECK(shown == expected);
}

}  // namespace
}  // namespace refrain
