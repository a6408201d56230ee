#pragma once
#include <string>
std::string says();
int twice(int n);
