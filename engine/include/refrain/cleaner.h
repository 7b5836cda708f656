// Stage clean (src/clean/): web clutter out, statements kept. Decides for every block of every
// document whether it is part of the text or page furniture (navigation,
// subscription boxes, forms, image names, e-mail lines, blocks repeated across
// a source's documents), and records each dropped span with its reason.
#ifndef REFRAIN_CLEANER_H_
#define REFRAIN_CLEANER_H_

#include <cstddef>

#include "refrain/status.h"
#include "refrain/types.h"

namespace refrain {

// The rules look at the shape of a block (words, capitals, digits, terminal
// punctuation), its link and form density, and its repetition across the
// documents of one source; never at the words of a particular site. Short
// fragments with no terminal punctuation (headlines, menu items, bylines) are
// left to the segmenter, which drops them sentence by sentence.
struct CleanerOptions {
  // Drop blocks the reader found inside <nav>, <header>, <footer>, <aside>, <form>, <menu>.
  // Off keeps sidebars that some sites use for real text.
  bool drop_chrome = true;
  // A block with at least this share of its bytes inside links is navigation (menus,
  // "related" lists). Lower catches more menus but risks paragraphs dense with citations.
  double max_link_share = 0.6;
  // A block whose text occurs in at least this many documents of its source...
  size_t repeated_min_docs = 4;
  // ...and in at least this share of them is page furniture (menus, footers, "Related News").
  // Lower catches rarer furniture but starts to eat a source's recurring formulas.
  double repeated_min_share = 0.25;
  // A repeated block that reads as a sentence (terminal punctuation) must be in this share
  // of the source's documents: spokespeople repeat whole answers, sites repeat footers.
  double repeated_sentence_min_share = 0.8;
  // Blocks longer than this (bytes) are never counted as repeats: bounds the memory of the
  // count; page furniture is short.
  size_t repeated_max_bytes = 2000;
  // Blocks of at most this many words are tested against the web-UI vocabulary (click,
  // newsletter, log in, required fields...). Higher catches longer promo boxes, risks prose.
  int max_ui_block_words = 40;
  // Web-UI score (2 per strong phrase, 1 per weak one) at which a short block is a form or
  // a call to action.
  int min_ui_score = 2;
  // A block holding an e-mail address is a contact box, dropped whole, when it has at most
  // `max_bare_contact_words` words ("Editor at ... | name@site.com"), or at most
  // `max_contact_block_words` and speaks to the reader ("Send your articles to ..."). Otherwise
  // only the sentence with the address goes (see the segmenter): press releases end real
  // paragraphs with "contact ...@...".
  int max_bare_contact_words = 12;
  int max_contact_block_words = 60;
  // Blocks of at most this many words, no terminal punctuation and at least a third of
  // numbers are datelines and counters ("19.09.2021 93 views", "5 min read").
  int max_counter_words = 6;
  // Cut stray HTML tags ("< br>") out of blocks, keeping the text around them.
  bool strip_stray_tags = true;
  // Worker threads (0 = one per core). The output is identical for any value.
  int threads = 0;
};

// Removes clutter blocks (or the stray tags inside blocks) from each document's
// `blocks` and appends a DroppedSpan for each to `corpus.dropped`, in (doc, start)
// order after what is already there. Visible text outside every block is recorded
// as dropped too ("outside blocks"), so nothing is lost silently.
Status Clean(Corpus& corpus, const CleanerOptions& options);

}  // namespace refrain

#endif  // REFRAIN_CLEANER_H_
