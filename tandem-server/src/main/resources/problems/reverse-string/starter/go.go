package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	_ = in
	fmt.Print("") // Reverse String: read the input, print the answer
}
