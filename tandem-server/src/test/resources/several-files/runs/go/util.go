package main

func says() string { return "sibling says" }

func twice(n int) int { return n * 2 }
