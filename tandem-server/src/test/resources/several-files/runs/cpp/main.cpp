#include <iostream>
#include "util.hpp"

int main() { std::cout << says() << " " << twice(21) << std::endl; }
