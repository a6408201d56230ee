package main

func says() string { return nope }
