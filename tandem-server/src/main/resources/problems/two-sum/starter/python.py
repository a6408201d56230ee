import sys


def main():
    data = sys.stdin.read().split()
    # Two Sum: read the input, print the answer


if __name__ == "__main__":
    main()
