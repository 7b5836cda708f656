// The figures of a unit (refrain/claims.h's Figure): amounts, percentages, years and dates read
// from its words and normalised, so that "$5 billion" and "5 billion dollars" are one figure.
#ifndef REFRAIN_CLAIMS_FIGURES_H_
#define REFRAIN_CLAIMS_FIGURES_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refrain/claims.h"

namespace refrain {

// The figures of a parsed unit: `lower` its words lower-cased (as SplitUdWords cut them),
// `upos` their tags. In word order.
std::vector<Figure> ReadFigures(std::span<const std::string> lower,
                                std::span<const std::string_view> upos);

// Whether two figures state the same thing: same kind and value (amounts to 1%: "about 5.1
// billion" restates "5.07 billion"; years and dates exactly), and the same currency when both
// name one.
bool SameFigure(const Figure& a, const Figure& b);

// The figures of `a` that contradict `b`: of a kind `b` also states, and none of `b`'s of that
// kind the same ("$5 billion" against "$7 billion"; a kind only one side states contradicts
// nothing).
std::vector<const Figure*> FiguresContradicted(const std::vector<Figure>& a,
                                               const std::vector<Figure>& b);

}  // namespace refrain

#endif  // REFRAIN_CLAIMS_FIGURES_H_
