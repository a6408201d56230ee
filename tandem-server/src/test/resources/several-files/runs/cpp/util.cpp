#include "util.hpp"

std::string says() { return "sibling says"; }
int twice(int n) { return n * 2; }
