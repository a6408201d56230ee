import sys


def main():
    data = sys.stdin.read().split()
    # Reverse String: read the input, print the answer


if __name__ == "__main__":
    main()
