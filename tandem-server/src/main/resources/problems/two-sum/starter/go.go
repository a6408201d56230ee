package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	_ = in
	fmt.Print("") // Two Sum: read the input, print the answer
}
