import sys


def main():
    data = sys.stdin.read().split()
    # Merge Intervals: read the input, print the answer


if __name__ == "__main__":
    main()
