package main

import "fmt"

func main() {
	fmt.Println(says(), twice(21))
}
